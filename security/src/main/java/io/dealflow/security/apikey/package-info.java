/**
 * API keys: their scopes and locations, the hashed store, the admin API, and the operator key made on start.
 */
package io.dealflow.security.apikey;
