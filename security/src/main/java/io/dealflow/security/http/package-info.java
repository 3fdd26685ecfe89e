/**
 * HTTP plumbing of the security module: problem details written by filters and by the admin controller's advice.
 */
package io.dealflow.security.http;
