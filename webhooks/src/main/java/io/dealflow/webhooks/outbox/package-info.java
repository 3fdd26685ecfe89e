/**
 * The outbox: opportunity events folded into HighLevel-shaped payloads and queued as deliveries for the matching
 * subscriptions, in the event processor's transaction.
 */
package io.dealflow.webhooks.outbox;
