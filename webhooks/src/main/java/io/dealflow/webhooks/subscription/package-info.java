/**
 * Webhook subscriptions of a location: target URL, event types, filters and signing secret, with the SSRF guard on
 * targets.
 */
package io.dealflow.webhooks.subscription;
