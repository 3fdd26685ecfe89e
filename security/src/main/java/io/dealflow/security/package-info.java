/**
 * Protects every dealflow HTTP API with API keys, loaded as a Spring Boot auto-configuration by each side.
 */
package io.dealflow.security;
