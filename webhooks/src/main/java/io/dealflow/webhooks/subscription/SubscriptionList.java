package io.dealflow.webhooks.subscription;

import java.util.List;

/** Answer of {@code GET /webhooks}: the location's subscriptions, oldest first. */
record SubscriptionList(List<SubscriptionResponse> items) {
}
