package io.dealflow.webhooks.http;

/**
 * A request that would take a location past one of the webhook limits (answered 422 with the limit's code).
 */
public class WebhookLimitReached extends RuntimeException {

    private final String code;

    public WebhookLimitReached(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
