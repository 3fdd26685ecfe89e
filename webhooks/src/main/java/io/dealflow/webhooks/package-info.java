/**
 * Webhooks: subscriptions per location, signed and ordered deliveries of opportunity events, replay, and the
 * stale-opportunity trigger.
 */
package io.dealflow.webhooks;
