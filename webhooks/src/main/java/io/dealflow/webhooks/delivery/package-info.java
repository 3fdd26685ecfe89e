/**
 * Sending deliveries: the dispatcher with its leases, retries and signatures, and the delivery log, resend and replay
 * endpoints.
 */
package io.dealflow.webhooks.delivery;
