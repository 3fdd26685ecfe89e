/**
 * The security module's settings ({@code dealflow.security.*}), read by its features: keys, access, abuse limits.
 */
package io.dealflow.security.settings;
