package io.dealflow.security.access;

import io.dealflow.security.apikey.Scope;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Set;

/**
 * One line of the access table: requests with one of {@code methods} on a path matching {@code pattern} need one of
 * {@code scopes}; an empty scope set makes the endpoint public. A pattern with a {@code {locationId}} variable also
 * needs a key for that location.
 *
 * @param everyLocation whether the endpoint acts on every location at once (rebuilds, metrics), so it also needs a key
 *                      for every location ({@code ["*"]}), such as the operator key
 */
public record AccessRule(Set<String> methods, PathPattern pattern, Set<Scope> scopes, boolean everyLocation) {

    public AccessRule {
        methods = Set.copyOf(methods);
        scopes = Set.copyOf(scopes);
    }

    /** Whether anyone may call the endpoint, without a key. */
    public boolean open() {
        return scopes.isEmpty();
    }
}
