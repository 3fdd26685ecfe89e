package io.dealflow.webhooks.http;

/**
 * A webhook resource that does not exist in the request's location (answered 404 either way, so locations stay
 * opaque to each other).
 */
public class WebhookNotFound extends RuntimeException {

    public WebhookNotFound(String detail) {
        super(detail);
    }
}
