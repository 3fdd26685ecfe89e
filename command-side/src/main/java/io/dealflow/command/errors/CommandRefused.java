package io.dealflow.command.errors;

import org.axonframework.common.AxonNonTransientException;

/**
 * A command that was refused and changed nothing. Subclasses say why; {@code code} is stable and becomes the problem
 * type clients switch on. Non-transient, so no retry scheduler ever repeats it.
 */
public abstract class CommandRefused extends AxonNonTransientException {

    private final String code;
    private final String field;

    protected CommandRefused(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    /** Stable, kebab-case reason, e.g. {@code unknown-stage} or {@code opportunity-not-found}. */
    public String code() {
        return code;
    }

    /** The request field at fault, or null when the refusal is not about one field. */
    public String field() {
        return field;
    }
}
