package io.dealflow.webhooks.http;

/**
 * A well-formed webhook request that breaks a rule (unknown event type, refused target, ...), answered 422 naming
 * the field.
 */
public class InvalidWebhookRequest extends RuntimeException {

    private final String field;

    public InvalidWebhookRequest(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
