package io.dealflow.security.apikey;

import io.dealflow.security.http.ProblemException;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Key management for holders of the {@code admin} scope: create (the secret is shown once), list, revoke. An admin key
 * bound to some locations manages only keys within them: it lists only keys whose locations are among its own, creates
 * keys only for its own locations (403 otherwise) and revokes only keys it could list (404 otherwise, as for an unknown
 * key, so it learns nothing about other locations' keys).
 */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyController {

    private final ApiKeys keys;
    private final int defaultRateLimitPer10s;

    ApiKeyController(ApiKeys keys, int defaultRateLimitPer10s) {
        this.keys = keys;
        this.defaultRateLimitPer10s = defaultRateLimitPer10s;
    }

    @PostMapping
    ResponseEntity<CreatedApiKeyResponse> create(@Valid @RequestBody CreateApiKeyRequest request,
                                                 @AuthenticationPrincipal ApiKey caller) {
        List<String> locations = List.copyOf(new LinkedHashSet<>(request.locations()));
        if (locations.contains(ApiKey.ALL_LOCATIONS) && locations.size() > 1) {
            throw invalid("locations", "is either [\"*\"] or a list of location ids");
        }
        Set<Scope> scopes = scopes(request.scopes());
        refuseEscalation(caller, locations, scopes);
        String secret = ApiKeySecrets.generate();
        Integer rateLimit = request.rateLimitPer10s() == null ? defaultRateLimitPer10s : request.rateLimitPer10s();
        ApiKey key = keys.create(UUID.randomUUID().toString(), secret, request.name().trim(), locations, scopes,
                rateLimit);
        return ResponseEntity.status(HttpStatus.CREATED).body(new CreatedApiKeyResponse(key.id(), secret, key.name(),
                key.locations(), ApiKeyResponse.scopeNames(key)));
    }

    @GetMapping
    ApiKeyResponse.Items list(@AuthenticationPrincipal ApiKey caller) {
        return new ApiKeyResponse.Items(keys.all().stream()
                .filter(key -> caller.covers(key.locations()))
                .map(ApiKeyResponse::of).toList());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, @AuthenticationPrincipal ApiKey caller) {
        boolean visible = keys.find(id).filter(key -> caller.covers(key.locations())).isPresent();
        if (!visible || !keys.revoke(id)) {
            throw new ProblemException(HttpStatus.NOT_FOUND, "not-found", "no such API key: " + id, null);
        }
        return ResponseEntity.noContent().build();
    }

    private static Set<Scope> scopes(List<String> names) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0; i < names.size(); i++) {
            String field = "scopes[" + i + "]";
            scopes.add(Scope.parse(names.get(i)).orElseThrow(() -> invalid(field, "is not a known scope")));
        }
        return scopes;
    }

    /** A key can hand out only what it holds itself, so a location-bound admin key cannot mint a wider one. */
    private static void refuseEscalation(ApiKey caller, List<String> locations, Set<Scope> scopes) {
        boolean locationsHeld = caller.covers(locations);
        boolean scopesHeld = scopes.stream().allMatch(caller::holds);
        if (!locationsHeld || !scopesHeld) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden",
                    "an API key cannot grant locations or scopes it does not hold itself", null);
        }
    }

    private static ProblemException invalid(String field, String message) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "validation", field + " " + message, field);
    }
}
