package io.dealflow.webhooks.delivery;

/**
 * Answer of a replay request.
 *
 * @param from   the {@code from} it was asked with
 * @param queued deliveries queued, each marked {@code "replay": true}
 */
record ReplayAnswer(String from, int queued) {
}
