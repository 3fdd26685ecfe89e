package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.standalone.StandaloneApiTest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HighLevel door's tests: the standalone server on a fresh database, called the way HighLevel clients
 * call it (root paths, {@code Version} header, bearer key).
 */
abstract class HighLevelApiTest extends StandaloneApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String VERSION = "2021-07-28";

    /** A HighLevel call with the operator key. */
    HttpResponse<String> hl(String method, String path, String json) {
        return call(method, path, json, "Version", VERSION);
    }

    /** A HighLevel call with another key, or none when {@code key} is null. */
    HttpResponse<String> hlWithKey(String key, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Version", VERSION);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** Creates an API key through the admin API and answers its secret. */
    String key(List<String> locations, String... scopes) {
        StringBuilder body = new StringBuilder("{\"name\": \"test key\", \"locations\": [");
        body.append(String.join(", ", locations.stream().map(location -> "\"" + location + "\"").toList()));
        body.append("], \"scopes\": [");
        body.append(String.join(", ", List.of(scopes).stream().map(scope -> "\"" + scope + "\"").toList()));
        body.append("]}");
        HttpResponse<String> created = call("POST", "/api/v1/admin/api-keys", body.toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("key").asText();
    }

    /** Creates a pipeline through the door and answers it. */
    JsonNode pipeline(String... stageNames) {
        return pipelineIn(location, "Sales " + java.util.UUID.randomUUID().toString().substring(0, 6), stageNames);
    }

    JsonNode pipelineIn(String locationId, String name, String... stageNames) {
        List<String> stages = new ArrayList<>();
        for (int i = 0; i < stageNames.length; i++) {
            stages.add("{\"name\": \"" + stageNames[i] + "\", \"position\": " + i + ", \"stageWinProbability\": "
                    + (i + 1) * 10 + "}");
        }
        HttpResponse<String> created = hl("POST", "/opportunities/pipelines", "{\"name\": \"" + name
                + "\", \"locationId\": \"" + locationId + "\", \"stages\": [" + String.join(", ", stages) + "]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created);
    }

    /** Creates an open opportunity through the door and answers it (the {@code opportunity} object). */
    JsonNode opportunity(JsonNode pipeline, String name, String contactId, String extraFields) {
        HttpResponse<String> created = hl("POST", "/opportunities/", "{\"pipelineId\": \"" + pipeline.get("id")
                .asText() + "\", \"locationId\": \"" + location + "\", \"name\": \"" + name
                + "\", \"status\": \"open\", \"contactId\": \"" + contactId + "\""
                + (extraFields == null ? "" : ", " + extraFields) + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("opportunity");
    }

    static String stageId(JsonNode pipeline, int position) {
        return pipeline.get("stages").get(position).get("id").asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts HighLevel's error shape: status, {@code statusCode}, {@code error}, a message; answers the body. */
    static JsonNode assertError(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("statusCode").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.has("message")).isTrue();
        return body;
    }

    /** Asserts a 422 whose {@code message} is an array; answers its messages. */
    static List<String> assertInvalid(HttpResponse<String> response) {
        JsonNode body = assertError(response, 422);
        assertThat(body.get("message").isArray()).as(response.body()).isTrue();
        List<String> messages = new ArrayList<>();
        body.get("message").forEach(message -> messages.add(message.asText()));
        assertThat(messages).isNotEmpty();
        return messages;
    }

    /** Number of events in the store: refused requests must leave it unchanged. */
    long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /** Each event of an aggregate as "Type door", in order. */
    List<String> history(String aggregateId) {
        return jdbc.query("""
                SELECT payload_type, convert_from(meta_data, 'UTF8')::jsonb ->> 'door' AS door
                FROM event_store.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number""",
                (rs, n) -> {
                    String type = rs.getString("payload_type");
                    return type.substring(type.lastIndexOf('.') + 1) + " " + rs.getString("door");
                }, aggregateId);
    }
}
