package io.dealflow.security.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.security.SecurityApiTest;
import io.dealflow.security.apikey.ApiKeySecrets;
import io.dealflow.security.testsupport.KeyClient;
import io.dealflow.security.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class AuthenticationTest extends SecurityApiTest {

    @Test
    void refusesCallsWithoutAKeyWith401AndABearerChallenge() {
        var response = client.call(null, "GET", at("/opportunities/o1"), null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"dealflow\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = KeyClient.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://dealflow.io/problems/unauthorized");
        assertThat(problem.get("title").asText()).isEqualTo("Unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @Test
    void refusesUnknownAndMalformedKeys() {
        assertThat(client.call("dfk_not-a-real-key", "GET", at("/opportunities/o1"), null).statusCode())
                .isEqualTo(401);
        var basic = client.call(null, "GET", at("/opportunities/o1"), null, "Authorization", "Basic dXNlcjpwYXNz");
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(client.call(null, "GET", at("/opportunities/o1"), null, "Authorization", "Bearer ").statusCode())
                .isEqualTo(401);
    }

    @Test
    void refusesEndpointsWithoutARuleEvenToTheOperator() {
        assertThat(client.call(null, "GET", at("/secrets"), null).statusCode()).isEqualTo(401);
        var operator = call("GET", at("/secrets"), null);
        assertThat(operator.statusCode()).isEqualTo(404);
        assertThat(KeyClient.json(operator).get("type").asText()).isEqualTo("https://dealflow.io/problems/not-found");
    }

    @Test
    void servesHealthWithoutAKeyAndKeepsOtherActuatorEndpointsForAdmins() {
        assertThat(client.call(null, "GET", "/actuator/health", null).body()).contains("UP");
        assertThat(client.call(null, "GET", "/actuator/env", null).statusCode()).isEqualTo(401);
        KeyClient.Key reader = client.create("reader", List.of("*"), List.of("reports.read"), null);
        assertThat(client.call(reader.secret(), "GET", "/actuator/env", null).statusCode()).isEqualTo(403);
    }

    @Test
    void hidesAnotherLocationWith404AndAMissingScopeWith403() {
        KeyClient.Key key = client.create("one location", List.of(location), List.of("opportunities.readonly"), null);

        var otherLocation = client.call(key.secret(), "GET", "/api/v1/locations/elsewhere/opportunities/o1", null);
        var missingScope = client.call(key.secret(), "GET", at("/reports/win-rate"), null);
        var allowed = client.call(key.secret(), "GET", at("/opportunities/o1"), null);

        assertThat(otherLocation.statusCode()).isEqualTo(404);
        assertThat(KeyClient.json(otherLocation).get("type").asText())
                .isEqualTo("https://dealflow.io/problems/not-found");
        assertThat(missingScope.statusCode()).isEqualTo(403);
        assertThat(KeyClient.json(missingScope).get("detail").asText()).contains("reports.read");
        assertThat(allowed.statusCode()).isEqualTo(200);
    }

    @Test
    void namesTheKeyAsTheActorOfTheRequest() {
        KeyClient.Key key = client.create("Zapier bridge", List.of("*"), List.of("opportunities.readonly"), null);

        JsonNode seen = KeyClient.json(client.call(key.secret(), "GET", at("/opportunities/o1"), null));

        assertThat(seen.get("actor").asText()).isEqualTo(key.id());
        assertThat(seen.get("actorName").asText()).isEqualTo("Zapier bridge");
    }

    @Test
    void recordsLastUseOfAKey() {
        KeyClient.Key key = client.create("used", List.of("*"), List.of("reports.read"), null);
        assertThat(lastUsed(key)).isNull();

        client.call(key.secret(), "GET", at("/reports/win-rate"), null);

        assertThat(lastUsed(key)).isNotNull();
    }

    @Test
    void logsRefusedKeysWithoutTheKey(CapturedOutput output) {
        KeyClient.Key key = client.create("leaked", List.of("*"), List.of("reports.read"), null);
        client.revoke(key);

        assertThat(client.call(key.secret(), "GET", at("/reports/win-rate"), null).statusCode()).isEqualTo(401);
        assertThat(client.call("dfk_guessed-key-value", "GET", at("/reports/win-rate"), null).statusCode())
                .isEqualTo(401);

        assertThat(output.getOut()).contains("Refused API key on GET " + at("/reports/win-rate"))
                .doesNotContain(key.secret()).doesNotContain("dfk_guessed-key-value");
    }

    @Test
    void storesTheBootstrapKeyOnceWithEveryScope() {
        var scopes = jdbc.queryForObject("SELECT array_to_string(scopes, ',') FROM security.api_key"
                + " WHERE key_hash = ?", String.class, ApiKeySecrets.hash(TestKeys.OPERATOR));
        assertThat(scopes).isEqualTo("admin,audit.read,opportunities.readonly,opportunities.write,pipelines.write,"
                + "reports.read");
    }

    private Object lastUsed(KeyClient.Key key) {
        return jdbc.queryForObject("SELECT last_used_at FROM security.api_key WHERE id = ?", Object.class, key.id());
    }
}
