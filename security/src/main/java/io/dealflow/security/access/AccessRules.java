package io.dealflow.security.access;

import io.dealflow.security.apikey.Scope;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The access table: which scope each endpoint needs (method and path pattern), first match wins. An endpoint with no
 * rule is refused, so a new endpoint stays closed until it gets a line here. Business paths
 * ({@code /api/v1/locations/{locationId}/...}) also need a key for that location; a key without it gets 404, so it
 * learns nothing about the location.
 */
public class AccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    /** Path variable that names the location of a business path. */
    public static final String LOCATION_VARIABLE = "locationId";

    private static final Set<String> READ = Set.of("GET", "HEAD");
    private static final Set<String> WRITE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> ANY = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");
    private static final String LOCATION = "/api/v1/locations/{" + LOCATION_VARIABLE + "}";

    private final List<AccessRule> rules = new ArrayList<>();

    AccessRules() {
        open(READ, "/actuator/health", "/actuator/health/**");
        // The OpenAPI document describes the API, not anyone's data; clients and people read it before holding a key.
        open(READ, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**");
        // An admin key bound to some locations manages the keys of those locations (the controller narrows it);
        // everything else under admin, and the actuator, spans every location and needs a key for all of them.
        rule(ANY, Set.of(Scope.ADMIN), "/api/v1/admin/api-keys", "/api/v1/admin/api-keys/**");
        everyLocationRule(ANY, Set.of(Scope.ADMIN), "/actuator/**", "/api/v1/admin/**");
        rule(READ, Set.of(Scope.OPPORTUNITIES_READONLY), LOCATION + "/opportunities/**", LOCATION + "/pipelines/**",
                LOCATION + "/lost-reasons/**", LOCATION + "/settings");
        rule(WRITE, Set.of(Scope.OPPORTUNITIES_WRITE), LOCATION + "/opportunities/**");
        // Bulk operations and imports change deals, and their progress is read by whoever may start them.
        rule(ANY, Set.of(Scope.OPPORTUNITIES_WRITE), LOCATION + "/bulk-operations", LOCATION + "/bulk-operations/**",
                LOCATION + "/imports", LOCATION + "/imports/**");
        rule(WRITE, Set.of(Scope.PIPELINES_WRITE), LOCATION + "/pipelines/**", LOCATION + "/lost-reasons/**",
                LOCATION + "/settings");
        // The HighLevel-compatible door (module highlevel) names the location in a parameter or the body, not the
        // path: these lines only check scopes, and the door checks the key's locations itself. Its search is a POST
        // that reads.
        rule(Set.of("POST"), Set.of(Scope.OPPORTUNITIES_READONLY), "/opportunities/search");
        rule(READ, Set.of(Scope.OPPORTUNITIES_READONLY), "/opportunities/**");
        rule(WRITE, Set.of(Scope.PIPELINES_WRITE), "/opportunities/pipelines/**");
        rule(WRITE, Set.of(Scope.OPPORTUNITIES_WRITE), "/opportunities/**");
        rule(READ, Set.of(Scope.REPORTS_READ), LOCATION + "/reports/**");
        rule(READ, Set.of(Scope.AUDIT_READ), LOCATION + "/audit/**");
        rule(ANY, Set.of(Scope.PIPELINES_WRITE), LOCATION + "/webhooks/**");
    }

    /** The rule covering a request, if any. */
    public Optional<AccessRule> ruleFor(String method, String path) {
        PathContainer container = PathContainer.parsePath(path);
        return rules.stream()
                .filter(rule -> rule.methods().contains(method) && rule.pattern().matches(container))
                .findFirst();
    }

    /** Decides a request of this method and path (without the context path) for an authentication, or none. */
    public AccessDecision decide(Authentication authentication, String method, String path) {
        Optional<AccessRule> found = ruleFor(method, path);
        if (found.isPresent() && found.get().open()) {
            return new AccessDecision(AccessDecision.Refusal.NONE, found.get());
        }
        if (!(authentication instanceof ApiKeyAuthentication apiKey)) {
            return new AccessDecision(AccessDecision.Refusal.UNAUTHENTICATED, found.orElse(null));
        }
        if (found.isEmpty()) {
            return new AccessDecision(AccessDecision.Refusal.NO_RULE, null);
        }
        AccessRule rule = found.get();
        var match = rule.pattern().matchAndExtract(PathContainer.parsePath(path));
        String location = match == null ? null : match.getUriVariables().get(LOCATION_VARIABLE);
        if (location != null && !apiKey.getPrincipal().mayActOn(location)) {
            return new AccessDecision(AccessDecision.Refusal.OTHER_LOCATION, rule);
        }
        if (!apiKey.getPrincipal().holdsAny(rule.scopes())) {
            return new AccessDecision(AccessDecision.Refusal.MISSING_SCOPE, rule);
        }
        if (rule.everyLocation() && !apiKey.getPrincipal().coversEveryLocation()) {
            return new AccessDecision(AccessDecision.Refusal.NOT_EVERY_LOCATION, rule);
        }
        return new AccessDecision(AccessDecision.Refusal.NONE, rule);
    }

    @Override
    public AuthorizationResult authorize(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        HttpServletRequest request = context.getRequest();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return decide(authentication.get(), request.getMethod(), path);
    }

    /** @deprecated Spring Security calls {@link #authorize}; kept because the interface still declares it. */
    @Override
    @Deprecated
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        return (AuthorizationDecision) authorize(authentication, context);
    }

    private void open(Set<String> methods, String... patterns) {
        rule(methods, Set.of(), patterns);
    }

    private void rule(Set<String> methods, Set<Scope> scopes, String... patterns) {
        add(methods, scopes, false, patterns);
    }

    private void everyLocationRule(Set<String> methods, Set<Scope> scopes, String... patterns) {
        add(methods, scopes, true, patterns);
    }

    private void add(Set<String> methods, Set<Scope> scopes, boolean everyLocation, String... patterns) {
        for (String pattern : patterns) {
            rules.add(new AccessRule(methods, PathPatternParser.defaultInstance.parse(pattern), scopes,
                    everyLocation));
        }
    }
}
