/**
 * HTTP plumbing of the security module: problem details written by filters and by the admin controller's advice,
 * and the one 503 answer every module gives when the database is unreachable.
 */
package io.dealflow.security.http;
