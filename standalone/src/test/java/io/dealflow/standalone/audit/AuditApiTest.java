package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.standalone.StandaloneApiTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Base of the audit tests: commands through the command API with a chosen API key, reads that wait for the
 * command's {@code Consistency-Token}, and instants that fall strictly between two commands.
 */
abstract class AuditApiTest extends StandaloneApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** The consistency token of the last command sent. */
    String token = "0";

    /** Sends a command with the operator key; expects 200 or 201 and keeps its consistency token. */
    JsonNode command(String method, String path, String json) {
        return commandAs(OPERATOR_KEY, method, path, json);
    }

    /** Sends a command with the given API key; expects 200 or 201 and keeps its consistency token. */
    JsonNode commandAs(String key, String method, String path, String json) {
        HttpResponse<String> response = send(key, method, path, json);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isIn(200, 201);
        token = response.headers().firstValue("Consistency-Token").orElseThrow();
        return parse(response.body());
    }

    /** GET with the operator key, waiting for the last command's token; expects 200. */
    JsonNode read(String path) {
        HttpResponse<String> response = call("GET", path, null, "Consistency-Token", token);
        assertThat(response.statusCode()).as("GET " + path + ": " + response.body()).isEqualTo(200);
        return parse(response.body());
    }

    /** Creates an API key for every location with the given scopes; answers its id and secret. */
    JsonNode apiKey(String name, String... scopes) {
        ObjectNode request = JSON.createObjectNode().put("name", name);
        request.putArray("locations").add("*");
        request.set("scopes", JSON.valueToTree(scopes));
        HttpResponse<String> response = call("POST", "/api/v1/admin/api-keys", request.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return parse(response.body());
    }

    /**
     * An instant after everything sent so far and before anything sent next: the current millisecond, once the
     * clock has moved past it (event times are kept to the millisecond).
     */
    Instant between() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        await().until(() -> Instant.now().truncatedTo(ChronoUnit.MILLIS).isAfter(now));
        return now;
    }

    HttpResponse<String> send(String key, String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
