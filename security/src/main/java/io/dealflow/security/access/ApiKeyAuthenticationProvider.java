package io.dealflow.security.access;

import io.dealflow.security.apikey.ApiKey;
import io.dealflow.security.apikey.ApiKeys;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Checks a presented secret against the key store: unknown and revoked keys are refused alike, so a caller cannot
 * tell which it has.
 */
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final ApiKeys keys;

    ApiKeyAuthenticationProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String secret = (String) authentication.getCredentials();
        ApiKey key = keys.findBySecret(secret)
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
        if (key.revoked()) {
            throw new BadCredentialsException("revoked API key " + key.id());
        }
        keys.recordUse(key);
        return new ApiKeyAuthentication(key);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerKey.class.isAssignableFrom(authentication);
    }
}
