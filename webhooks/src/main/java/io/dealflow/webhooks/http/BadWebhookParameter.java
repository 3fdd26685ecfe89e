package io.dealflow.webhooks.http;

/**
 * A query parameter of a webhook endpoint that cannot be understood: HTTP 400 naming the parameter.
 */
public class BadWebhookParameter extends RuntimeException {

    private final String parameter;

    public BadWebhookParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
