package io.dealflow.security.http;

import org.springframework.http.HttpStatus;

/**
 * A refusal of the security module's own endpoints, answered as a problem with a stable code and, for validation, the
 * offending field.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    public ProblemException(HttpStatus status, String code, String detail, String field) {
        super(detail);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The request field at fault, or null. */
    public String field() {
        return field;
    }
}
