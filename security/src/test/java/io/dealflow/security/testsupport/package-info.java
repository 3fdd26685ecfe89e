/**
 * Test support for every module that serves HTTP: the test operator key, a key-aware HTTP client, and the sweep over
 * all mapped endpoints.
 */
package io.dealflow.security.testsupport;
