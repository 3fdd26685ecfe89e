package io.dealflow.query.http;

/**
 * The projections a query reads did not reach the client's {@code Consistency-Token} in time: HTTP 503 with
 * {@code Retry-After}.
 */
public class ReadModelBehind extends RuntimeException {

    ReadModelBehind(String token) {
        super("the read model has not yet processed consistency token " + token + "; retry shortly");
    }
}
