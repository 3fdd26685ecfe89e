package io.dealflow.security.access;

import io.dealflow.security.apikey.ApiKey;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a valid API key; the key is the principal, its scopes are the authorities
 * ({@code SCOPE_<name>}). The secret is not kept.
 */
public class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final ApiKey key;

    ApiKeyAuthentication(ApiKey key) {
        super(key.scopes().stream().map(scope -> new SimpleGrantedAuthority("SCOPE_" + scope.value())).toList());
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public ApiKey getPrincipal() {
        return key;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return key.id();
    }
}
