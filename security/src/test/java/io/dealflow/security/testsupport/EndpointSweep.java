package io.dealflow.security.testsupport;

import io.dealflow.security.access.AccessRule;
import io.dealflow.security.access.AccessRules;
import io.dealflow.security.apikey.ApiKey;
import io.dealflow.security.apikey.Scope;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tries every endpoint a running application maps, as read from its {@link RequestMappingHandlerMapping}: each needs
 * a line in the {@link AccessRules}, and without a key answers 401, with a revoked key 401, with a key lacking the
 * scope 403, with a key of another location 404, and with the right key neither 401 nor 403; refused calls change
 * nothing the given probe counts. A new endpoint without a rule fails here.
 */
public final class EndpointSweep {

    /** Boot's error page is reached by error dispatches, never called by clients. */
    private static final Set<String> NOT_CLIENT_ENDPOINTS = Set.of("/error");

    private final KeyClient client;
    private final AccessRules rules;
    private final LongSupplier stateProbe;
    private final String location = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, KeyClient.Key> keys = new HashMap<>();
    private KeyClient.Key revoked;
    private KeyClient.Key otherLocation;

    /**
     * @param stateProbe counts what refused requests must not change (events, rows); read before and after each
     */
    public EndpointSweep(KeyClient client, AccessRules rules, LongSupplier stateProbe) {
        this.client = client;
        this.rules = rules;
        this.stateProbe = stateProbe;
    }

    /** A mapped endpoint: one method and one path pattern. */
    public record Endpoint(String method, String pattern) {

        /** A path matching the pattern, with {@code location} for the location and {@code x1} for other ids. */
        String path(String location) {
            return Arrays.stream(pattern.split("/"))
                    .map(segment -> segment.equals("{" + AccessRules.LOCATION_VARIABLE + "}") ? location
                            : segment.startsWith("{") || segment.contains("*") ? "x1" : segment)
                    .reduce((left, right) -> left + "/" + right)
                    .orElse("/");
        }

        boolean hasLocation() {
            return pattern.contains("{" + AccessRules.LOCATION_VARIABLE + "}");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    /** Every method and pattern the application maps, in a stable order. */
    public static List<Endpoint> endpoints(RequestMappingHandlerMapping mapping) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            var methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
            if (methods.isEmpty()) {
                methods = List.of("GET", "POST");
            }
            Set<PathPattern> patterns = info.getPathPatternsCondition() == null ? Set.of()
                    : info.getPathPatternsCondition().getPatterns();
            for (PathPattern pattern : patterns) {
                for (String method : methods) {
                    if (!NOT_CLIENT_ENDPOINTS.contains(pattern.getPatternString())
                            && seen.add(pattern.getPatternString() + " " + method)) {
                        endpoints.add(new Endpoint(method, pattern.getPatternString()));
                    }
                }
            }
        }
        endpoints.sort((left, right) -> left.toString().compareTo(right.toString()));
        return endpoints;
    }

    /** One dynamic test per mapped endpoint. */
    public Stream<DynamicTest> tests(RequestMappingHandlerMapping mapping) {
        List<Endpoint> endpoints = endpoints(mapping);
        assertThat(endpoints).as("mapped endpoints").isNotEmpty();
        return endpoints.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> check(endpoint)));
    }

    private void check(Endpoint endpoint) {
        String path = endpoint.path(location);
        AccessRule rule = rules.ruleFor(endpoint.method(), path).orElse(null);
        assertThat(rule).as("access rule for %s (add one to AccessRules)", endpoint).isNotNull();
        if (rule.open()) {
            assertThat(call(null, endpoint, path).statusCode()).as("%s is public", endpoint).isNotEqualTo(401);
            return;
        }
        long before = stateProbe.getAsLong();

        HttpResponse<String> anonymous = call(null, endpoint, path);
        assertProblem(anonymous, 401, "unauthorized", endpoint + " without a key");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("WWW-Authenticate").hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));

        assertProblem(call(revokedKey().secret(), endpoint, path), 401, "unauthorized", endpoint + " revoked key");

        Set<Scope> lacking = EnumSet.allOf(Scope.class);
        lacking.removeIf(scope -> holder(Set.of(scope)).holdsAny(rule.scopes()));
        if (!lacking.isEmpty()) {
            assertProblem(call(key(lacking, "*").secret(), endpoint, path), 403, "forbidden",
                    endpoint + " with only " + lacking);
        }
        if (endpoint.hasLocation()) {
            assertProblem(call(otherLocationKey().secret(), endpoint, path), 404, "not-found",
                    endpoint + " with a key of another location");
        }
        assertThat(stateProbe.getAsLong()).as("state after refused calls to %s", endpoint).isEqualTo(before);

        Set<Scope> enough = EnumSet.of(rule.scopes().iterator().next());
        var allowed = call(key(enough, endpoint.hasLocation() ? location : "*").secret(), endpoint, path);
        assertThat(allowed.statusCode()).as("%s with %s: %s", endpoint, enough, allowed.body())
                .isNotIn(401, 403);
    }

    private HttpResponse<String> call(String key, Endpoint endpoint, String path) {
        String body = Set.of("POST", "PUT", "PATCH").contains(endpoint.method()) ? "{}" : null;
        return client.call(key, endpoint.method(), path, body);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(KeyClient.json(response).path("type").asText()).as(what)
                .isEqualTo("https://dealflow.io/problems/" + code);
    }

    private KeyClient.Key key(Set<Scope> scopes, String keyLocation) {
        return keys.computeIfAbsent(new TreeSet<>(scopes) + "@" + keyLocation, ignored -> client.create(
                "sweep " + scopes, List.of(keyLocation), scopes.stream().map(Scope::value).toList(), 1_000_000));
    }

    private KeyClient.Key revokedKey() {
        if (revoked == null) {
            revoked = client.create("sweep revoked", List.of("*"), allScopeNames(), 1_000_000);
            client.revoke(revoked);
        }
        return revoked;
    }

    private KeyClient.Key otherLocationKey() {
        if (otherLocation == null) {
            otherLocation = client.create("sweep other location", List.of("elsewhere-" + location), allScopeNames(),
                    1_000_000);
        }
        return otherLocation;
    }

    private static List<String> allScopeNames() {
        return Arrays.stream(Scope.values()).map(Scope::value).toList();
    }

    private static ApiKey holder(Set<Scope> scopes) {
        return new ApiKey("probe", "probe", List.of("*"), scopes, null, Instant.EPOCH, null, null);
    }
}
