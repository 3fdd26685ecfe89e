package io.dealflow.security.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import java.util.List;

/**
 * The secret a request presented, before it is checked.
 */
class BearerKey extends AbstractAuthenticationToken {

    private String secret;

    BearerKey(String secret) {
        super(List.of());
        this.secret = secret;
    }

    @Override
    public Object getCredentials() {
        return secret;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    @Override
    public void eraseCredentials() {
        secret = null;
    }
}
