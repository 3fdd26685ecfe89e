/**
 * HTTP plumbing of the security module: the refusal of its admin endpoints, request bodies read twice, and the one
 * 503 answer every module gives when the database is unreachable. Problem details themselves are {@code http-edge}'s.
 */
package io.dealflow.security.http;
