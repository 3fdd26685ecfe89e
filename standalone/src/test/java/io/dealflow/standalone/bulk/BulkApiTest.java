package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.standalone.StandaloneApiTest;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Helpers of the bulk and CSV tests: a pipeline with three stages, deals, operations awaited to their end.
 */
abstract class BulkApiTest extends StandaloneApiTest {

    protected final ObjectMapper json = new ObjectMapper();
    protected String pipelineId;
    protected List<String> stages;

    /** Creates the pipeline Lead / Demo / Closing of this test's location. */
    protected void pipeline() {
        JsonNode pipeline = ok(call("POST", at("/pipelines"), """
                {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10},
                 {"name": "Demo", "winProbability": 40}, {"name": "Closing", "winProbability": 70}]}"""), 201);
        pipelineId = pipeline.get("id").asText();
        stages = new ArrayList<>();
        pipeline.get("stages").forEach(stage -> stages.add(stage.get("id").asText()));
    }

    protected String deal(String name) {
        return ok(call("POST", at("/opportunities"), """
                {"name": "%s", "pipelineId": "%s", "monetaryValue": 100, "tags": ["hot"]}"""
                .formatted(name, pipelineId)), 201).get("id").asText();
    }

    protected List<String> deals(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(deal("Deal " + i));
        }
        return ids;
    }

    /** Starts an operation; asserts 202 with a Location; answers the operation. */
    protected JsonNode start(String body) {
        HttpResponse<String> response = call("POST", at("/bulk-operations"), body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode operation = read(response);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(at("/bulk-operations/" + operation.get("id").asText())));
        return operation;
    }

    /** Waits until the operation is no longer running; answers it with its failures. */
    protected JsonNode finished(String operationId) {
        return finished("/bulk-operations/", operationId);
    }

    protected JsonNode finished(String collection, String id) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = ok(call("GET", at(collection + id), null), 200);
            return !last[0].get("status").asText().equals("running");
        });
        return last[0];
    }

    protected JsonNode opportunity(String id) {
        return ok(caughtUp(at("/opportunities/" + id), head()), 200);
    }

    /**
     * A GET with a consistency token, asked again while it answers 503 (the read model still behind after the wait a
     * query allows, which a loaded build machine can exceed).
     */
    protected HttpResponse<String> caughtUp(String path, String token) {
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = call("GET", path, null, "Consistency-Token", token);
            return last[0].statusCode() != 503;
        });
        return last[0];
    }

    /** The newest event's position: passing it as Consistency-Token reads after every command so far. */
    protected String head() {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM event_store.domain_event_entry",
                Long.class);
        return Long.toString(head);
    }

    protected JsonNode history(String id) {
        return ok(call("GET", at("/opportunities/" + id + "/history"), null), 200).get("items");
    }

    /** Events of a deal whose metadata names the bulk operation. */
    protected long eventsOf(String opportunityId, String operationId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND convert_from(meta_data, 'UTF8')::jsonb ->> 'bulkOperationId' = ?",
                Long.class, opportunityId, operationId);
        return count == null ? 0 : count;
    }

    protected long storedEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    protected HttpResponse<String> csv(String method, String path, String body) {
        String token = head();
        @SuppressWarnings("unchecked")
        HttpResponse<String>[] last = new HttpResponse[1];
        // An export waits for the token like a query; on a loaded machine it may answer 503 first: ask again.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            last[0] = sendCsv(method, path, body, token);
            return last[0].statusCode() != 503;
        });
        return last[0];
    }

    private HttpResponse<String> sendCsv(String method, String path, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Consistency-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/csv")
                .header("Accept", method.equals("GET") ? "text/csv" : "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    protected JsonNode ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return read(response);
    }

    protected JsonNode read(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }
}
