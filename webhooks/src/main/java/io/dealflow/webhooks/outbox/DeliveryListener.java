package io.dealflow.webhooks.outbox;

/**
 * Told after a transaction that queued deliveries has committed, so they are sent at once rather than at the next
 * poll.
 */
public interface DeliveryListener {

    void deliveriesQueued();
}
