package io.dealflow.highlevel.http;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request the HighLevel door refuses itself, before any command: answered in HighLevel's error shape.
 */
public class HighLevelRefusal extends RuntimeException {

    private final transient HighLevelError error;

    private HighLevelRefusal(HighLevelError error) {
        super(String.valueOf(error.message()));
        this.error = error;
    }

    /** 422 with one message per problem, e.g. {@code "name should not be empty"}. */
    public static HighLevelRefusal invalid(String... messages) {
        return new HighLevelRefusal(HighLevelError.invalid(List.of(messages)));
    }

    /** 422 with one message per problem. */
    public static HighLevelRefusal invalid(List<String> messages) {
        return new HighLevelRefusal(HighLevelError.invalid(messages));
    }

    /** 404 for something that does not exist, e.g. {@code notFound("Opportunity")}. */
    public static HighLevelRefusal notFound(String what) {
        return new HighLevelRefusal(HighLevelError.of(HttpStatus.NOT_FOUND, what + " not found"));
    }

    /** 403 for a location the API key may not act on. */
    public static HighLevelRefusal forbiddenLocation() {
        return new HighLevelRefusal(HighLevelError.of(HttpStatus.FORBIDDEN,
                "The token does not have access to this location."));
    }

    /** 400 for a request that cannot be carried out as asked. */
    public static HighLevelRefusal badRequest(String message) {
        return new HighLevelRefusal(HighLevelError.of(HttpStatus.BAD_REQUEST, message));
    }

    HighLevelError error() {
        return error;
    }
}
