/**
 * HTTP plumbing of the webhook endpoints: their problem details and path checks.
 */
package io.dealflow.webhooks.http;
