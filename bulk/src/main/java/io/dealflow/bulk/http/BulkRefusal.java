package io.dealflow.bulk.http;

import org.springframework.http.HttpStatus;

/**
 * A bulk or CSV request refused before anything changed: the status, a stable code (the problem type) and the field
 * or column at fault, when there is one.
 */
public class BulkRefusal extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String field;

    public BulkRefusal(HttpStatus status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    /** 400 for a request that cannot be understood. */
    public static BulkRefusal malformed(String field, String message) {
        return new BulkRefusal(HttpStatus.BAD_REQUEST, "malformed-request", field, message);
    }

    /** 422 for a well-formed request that breaks a rule. */
    public static BulkRefusal invalid(String field, String message) {
        return new BulkRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "validation", field, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
