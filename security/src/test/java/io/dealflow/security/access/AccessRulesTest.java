package io.dealflow.security.access;

import io.dealflow.security.apikey.ApiKey;
import io.dealflow.security.apikey.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AccessRulesTest {

    private final AccessRules rules = new AccessRules();

    @Test
    void grantsReadingOpportunitiesWithTheReadonlyScopeOnTheKeysLocation() {
        var decision = rules.decide(key(List.of("acme"), Scope.OPPORTUNITIES_READONLY), "GET",
                "/api/v1/locations/acme/opportunities/o1");
        assertThat(decision.refusal()).isEqualTo(AccessDecision.Refusal.NONE);
        assertThat(decision.isGranted()).isTrue();
    }

    @Test
    void letsTheWriteScopeReadOpportunitiesAndPipelines() {
        var key = key(List.of("*"), Scope.OPPORTUNITIES_WRITE);
        assertThat(rules.decide(key, "GET", "/api/v1/locations/acme/opportunities").isGranted()).isTrue();
        assertThat(rules.decide(key, "GET", "/api/v1/locations/acme/pipelines/p1/board").isGranted()).isTrue();
    }

    @Test
    void refusesWritingWithTheReadonlyScope() {
        var decision = rules.decide(key(List.of("*"), Scope.OPPORTUNITIES_READONLY), "POST",
                "/api/v1/locations/acme/opportunities/o1/mark-won");
        assertThat(decision.refusal()).isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
    }

    @Test
    void hidesAnotherLocationBeforeLookingAtScopes() {
        var decision = rules.decide(key(List.of("acme"), Scope.OPPORTUNITIES_READONLY), "POST",
                "/api/v1/locations/other/opportunities");
        assertThat(decision.refusal()).isEqualTo(AccessDecision.Refusal.OTHER_LOCATION);
    }

    @Test
    void keepsPipelinesAndLostReasonsForThePipelinesScope() {
        var key = key(List.of("*"), Scope.PIPELINES_WRITE);
        assertThat(rules.decide(key, "PATCH", "/api/v1/locations/acme/pipelines/p1").isGranted()).isTrue();
        assertThat(rules.decide(key, "POST", "/api/v1/locations/acme/lost-reasons").isGranted()).isTrue();
        assertThat(rules.decide(key, "DELETE", "/api/v1/locations/acme/webhooks/w1").isGranted()).isTrue();
        assertThat(rules.decide(key, "POST", "/api/v1/locations/acme/opportunities").refusal())
                .isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
        assertThat(rules.decide(key, "GET", "/api/v1/locations/acme/pipelines").refusal())
                .isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
    }

    @Test
    void needsTheReportAndAuditScopesForReportsAndAudit() {
        assertThat(rules.decide(key(List.of("*"), Scope.REPORTS_READ), "GET",
                "/api/v1/locations/acme/reports/win-rate").isGranted()).isTrue();
        assertThat(rules.decide(key(List.of("*"), Scope.AUDIT_READ), "GET",
                "/api/v1/locations/acme/audit/events").isGranted()).isTrue();
        assertThat(rules.decide(key(List.of("*"), Scope.OPPORTUNITIES_WRITE), "GET",
                "/api/v1/locations/acme/audit/events").refusal()).isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
    }

    @Test
    void keepsAdministrationForTheAdminScopeWhateverTheLocations() {
        assertThat(rules.decide(key(List.of("acme"), Scope.ADMIN), "POST", "/api/v1/admin/api-keys").isGranted())
                .isTrue();
        assertThat(rules.decide(key(List.of("*"), Scope.OPPORTUNITIES_WRITE), "GET", "/api/v1/admin/projections")
                .refusal()).isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
        assertThat(rules.decide(key(List.of("*"), Scope.REPORTS_READ), "GET", "/actuator/prometheus").refusal())
                .isEqualTo(AccessDecision.Refusal.MISSING_SCOPE);
    }

    @Test
    void keepsOperationsOnEveryLocationForAdminKeysOfEveryLocation() {
        var locationAdmin = key(List.of("acme"), Scope.ADMIN);
        var globalAdmin = key(List.of("*"), Scope.ADMIN);
        assertThat(rules.decide(locationAdmin, "GET", "/api/v1/admin/projections").refusal())
                .isEqualTo(AccessDecision.Refusal.NOT_EVERY_LOCATION);
        assertThat(rules.decide(locationAdmin, "POST", "/api/v1/admin/projections/board/rebuild").refusal())
                .isEqualTo(AccessDecision.Refusal.NOT_EVERY_LOCATION);
        assertThat(rules.decide(locationAdmin, "GET", "/actuator/prometheus").refusal())
                .isEqualTo(AccessDecision.Refusal.NOT_EVERY_LOCATION);
        assertThat(rules.decide(locationAdmin, "DELETE", "/api/v1/admin/api-keys/k2").isGranted()).isTrue();
        assertThat(rules.decide(globalAdmin, "POST", "/api/v1/admin/projections/board/rebuild").isGranted()).isTrue();
    }

    @Test
    void refusesEndpointsWithoutARule() {
        var operator = key(List.of("*"), Scope.values());
        assertThat(rules.ruleFor("GET", "/api/v1/locations/acme/secrets")).isEmpty();
        assertThat(rules.decide(operator, "GET", "/api/v1/locations/acme/secrets").refusal())
                .isEqualTo(AccessDecision.Refusal.NO_RULE);
        assertThat(rules.decide(operator, "OPTIONS", "/api/v1/locations/acme/opportunities").refusal())
                .isEqualTo(AccessDecision.Refusal.NO_RULE);
        assertThat(rules.decide(operator, "GET", "/api/v2/anything").refusal())
                .isEqualTo(AccessDecision.Refusal.NO_RULE);
    }

    @Test
    void opensHealthAndTheApiDocumentToAnyone() {
        assertThat(rules.decide(anonymous(), "GET", "/actuator/health").isGranted()).isTrue();
        assertThat(rules.decide(anonymous(), "GET", "/v3/api-docs").isGranted()).isTrue();
        assertThat(rules.decide(anonymous(), "GET", "/swagger-ui/index.html").isGranted()).isTrue();
        assertThat(rules.decide(anonymous(), "POST", "/actuator/health").refusal())
                .isEqualTo(AccessDecision.Refusal.UNAUTHENTICATED);
    }

    @Test
    void opensTheWorkspaceFilesToAnyoneForReadingOnly() {
        for (String path : List.of("/", "/index.html", "/ui/app.js", "/webjars/sortablejs/Sortable.min.js")) {
            assertThat(rules.decide(anonymous(), "GET", path).isGranted()).as(path).isTrue();
            assertThat(rules.decide(anonymous(), "POST", path).refusal()).as(path)
                    .isEqualTo(AccessDecision.Refusal.UNAUTHENTICATED);
        }
        assertThat(rules.decide(anonymous(), "GET", "/api/v1/locations/acme/pipelines").refusal())
                .isEqualTo(AccessDecision.Refusal.UNAUTHENTICATED);
    }

    @Test
    void refusesAnonymousCallsToEverythingElse() {
        assertThat(rules.decide(anonymous(), "GET", "/api/v1/locations/acme/opportunities").refusal())
                .isEqualTo(AccessDecision.Refusal.UNAUTHENTICATED);
        assertThat(rules.decide(null, "GET", "/api/v1/admin/api-keys").refusal())
                .isEqualTo(AccessDecision.Refusal.UNAUTHENTICATED);
    }

    private static ApiKeyAuthentication key(List<String> locations, Scope... scopes) {
        return new ApiKeyAuthentication(new ApiKey("k1", "test", locations, Set.of(scopes), null, Instant.EPOCH,
                null, null));
    }

    private static AnonymousAuthenticationToken anonymous() {
        return new AnonymousAuthenticationToken("anonymous", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    }
}
