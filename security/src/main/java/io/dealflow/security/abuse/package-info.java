/**
 * Limits against abuse: requests per key, request body size, and JSON depth, size and strictness.
 */
package io.dealflow.security.abuse;
