package io.dealflow.security.apikey;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A key as listed by {@code GET /api/v1/admin/api-keys}: everything but its secret.
 *
 * @param rateLimitPer10s null for unlimited
 */
record ApiKeyResponse(String id, String name, List<String> locations, List<String> scopes, Integer rateLimitPer10s,
                      Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id(), key.name(), key.locations(), scopeNames(key), key.rateLimitPer10s(),
                key.createdAt(), key.lastUsedAt(), key.revokedAt());
    }

    static List<String> scopeNames(ApiKey key) {
        return key.scopes().stream().sorted(Comparator.naturalOrder()).map(Scope::value).toList();
    }

    /** The list answer, shaped like dealflow's other lists. */
    record Items(List<ApiKeyResponse> items) {
    }
}
