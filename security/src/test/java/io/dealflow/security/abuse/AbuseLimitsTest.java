package io.dealflow.security.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.security.SecurityApiTest;
import io.dealflow.security.testapp.ProbeController;
import io.dealflow.security.testsupport.KeyClient;
import io.dealflow.security.testsupport.TestKeys;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AbuseLimitsTest extends SecurityApiTest {

    private static final int ONE_MIB = 1024 * 1024;

    @Test
    void refusesRequestsOverTheKeysRateWith429AndChangesNothing() {
        KeyClient.Key key = client.create("busy", List.of("*"), List.of("admin", "opportunities.write"), 2);
        assertThat(client.call(key.secret(), "GET", "/api/v1/admin/api-keys", null).statusCode()).isEqualTo(200);
        assertThat(client.call(key.secret(), "GET", "/api/v1/admin/api-keys", null).statusCode()).isEqualTo(200);
        long keys = keyCount();
        long writes = ProbeController.writes();

        var createKey = client.call(key.secret(), "POST", "/api/v1/admin/api-keys", """
                {"name": "x", "locations": ["*"], "scopes": ["reports.read"]}""");
        var write = client.call(key.secret(), "POST", at("/opportunities"), """
                {"name": "deal"}""");

        for (var response : List.of(createKey, write)) {
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(KeyClient.json(response).get("type").asText())
                    .isEqualTo("https://dealflow.io/problems/rate-limited");
            assertThat(Integer.parseInt(response.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 10);
        }
        assertThat(keyCount()).isEqualTo(keys);
        assertThat(ProbeController.writes()).isEqualTo(writes);
    }

    @Test
    void neverLimitsTheOperatorKey() {
        for (int i = 0; i < 150; i++) {
            assertThat(call("GET", at("/lost-reasons"), null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void refusesABodyOverOneMebibyteWith413AndChangesNothing() {
        long keys = keyCount();
        long writes = ProbeController.writes();
        String big = "{\"name\": \"" + "x".repeat(ONE_MIB) + "\"}";

        var declared = call("POST", at("/opportunities"), big);
        var chunked = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + at("/opportunities")))
                .header("Authorization", "Bearer " + TestKeys.OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        var keyRequest = call("POST", "/api/v1/admin/api-keys",
                "{\"name\": \"" + "x".repeat(ONE_MIB) + "\", \"locations\": [\"*\"], \"scopes\": [\"admin\"]}");

        for (var response : List.of(declared, chunked, keyRequest)) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(KeyClient.json(response).get("type").asText())
                    .isEqualTo("https://dealflow.io/problems/payload-too-large");
        }
        assertThat(keyCount()).isEqualTo(keys);
        assertThat(ProbeController.writes()).isEqualTo(writes);
    }

    @Test
    void acceptsAChunkedBodyUnderTheLimit() {
        var response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + at("/opportunities")))
                .header("Authorization", "Bearer " + TestKeys.OPERATOR)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("{\"name\": \"deal\"}".getBytes(StandardCharsets.UTF_8))))
                .build());
        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void refusesJsonNestedDeeperThanTheLimitWith400() {
        long writes = ProbeController.writes();

        var deep = call("POST", at("/opportunities"), "{\"details\": " + nested(40) + "}");
        assertThat(deep.statusCode()).isEqualTo(400);
        assertThat(ProbeController.writes()).isEqualTo(writes);

        var shallow = call("POST", at("/opportunities"), "{\"details\": " + nested(20) + "}");
        assertThat(shallow.statusCode()).isEqualTo(201);
    }

    private static String nested(int depth) {
        return "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
    }

    @Test
    void refusesDuplicateFieldsAndTrailingContentWith400() {
        long keys = keyCount();

        var duplicate = call("POST", "/api/v1/admin/api-keys", """
                {"name": "x", "name": "y", "locations": ["*"], "scopes": ["admin"]}""");
        var trailing = call("POST", "/api/v1/admin/api-keys", """
                {"name": "x", "locations": ["*"], "scopes": ["admin"]} {"name": "y"}""");

        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(trailing.statusCode()).isEqualTo(400);
        assertThat(keyCount()).isEqualTo(keys);
    }

    @Test
    void answersFirewallRejectionsAsProblems() {
        var response = call("GET", "/api/v1/locations/a;b/opportunities/o1", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode problem = KeyClient.json(response);
        assertThat(problem.get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-request");
    }
}
