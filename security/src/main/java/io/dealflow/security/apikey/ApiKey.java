package io.dealflow.security.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A stored API key, without its secret.
 *
 * @param locations       location ids the key may act on; {@link #ALL_LOCATIONS} alone for every location
 * @param rateLimitPer10s requests allowed per 10 seconds; null for unlimited
 * @param lastUsedAt      last successful authentication, recorded at most once a minute; null when never used
 * @param revokedAt       when the key was revoked; null while it is valid
 */
public record ApiKey(String id, String name, List<String> locations, Set<Scope> scopes, Integer rateLimitPer10s,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    /** The location entry that stands for every location. */
    public static final String ALL_LOCATIONS = "*";

    public ApiKey {
        locations = List.copyOf(locations);
        scopes = Set.copyOf(scopes);
    }

    /** Whether the key may act on resources of this location. */
    public boolean mayActOn(String locationId) {
        return locations.contains(ALL_LOCATIONS) || locations.contains(locationId);
    }

    /** Whether the key is for every location ({@code ["*"]}), as the operator key is. */
    public boolean coversEveryLocation() {
        return locations.contains(ALL_LOCATIONS);
    }

    /** Whether the key may act on every location another key may act on: its own locations hold the other's. */
    public boolean covers(List<String> otherLocations) {
        return coversEveryLocation() || !otherLocations.contains(ALL_LOCATIONS) && locations.containsAll(otherLocations);
    }

    /** Whether the key holds one of these scopes, directly or by implication. */
    public boolean holdsAny(Set<Scope> wanted) {
        return wanted.stream().anyMatch(this::holds);
    }

    /** Whether the key holds this scope, directly or by implication. */
    public boolean holds(Scope scope) {
        return scopes.contains(scope)
                || scope == Scope.OPPORTUNITIES_READONLY && scopes.contains(Scope.OPPORTUNITIES_WRITE);
    }

    public boolean revoked() {
        return revokedAt != null;
    }
}
