package io.dealflow.query.http;

/**
 * A query parameter or header that cannot be understood: HTTP 400 naming the parameter.
 */
public class BadParameter extends RuntimeException {

    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter or header at fault. */
    public String parameter() {
        return parameter;
    }
}
