package io.dealflow.highlevel.http;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * An error as HighLevel answers it: {@code {"statusCode": 404, "message": "Opportunity not found", "error": "Not
 * Found"}}. Validation failures (422) carry {@code message} as an array of strings, one per problem.
 *
 * @param message a string, or a list of strings for validation failures
 */
record HighLevelError(int statusCode, Object message, String error) {

    /** One error with one message. */
    public static HighLevelError of(HttpStatus status, String message) {
        return new HighLevelError(status.value(), message, status.getReasonPhrase());
    }

    /** A validation failure with one message per problem. */
    public static HighLevelError invalid(List<String> messages) {
        HttpStatus status = HttpStatus.UNPROCESSABLE_ENTITY;
        return new HighLevelError(status.value(), List.copyOf(messages), status.getReasonPhrase());
    }
}
