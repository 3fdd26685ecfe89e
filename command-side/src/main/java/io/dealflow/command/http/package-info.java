/**
 * HTTP plumbing shared by the command endpoints: sending commands with request metadata, answers, problem details,
 * If-Match and Idempotency-Key.
 */
package io.dealflow.command.http;
