package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key} on the HighLevel door: a retry answers the first answer and emits nothing; the same key with
 * another body answers 422 in HighLevel's error shape; keys of different API keys never meet.
 */
class IdempotencyKeyTest extends HighLevelApiTest {

    @Test
    void repeatsTheFirstAnswerOfACreateAndEmitsNothing() {
        JsonNode pipeline = pipeline("Lead", "Won");
        String key = UUID.randomUUID().toString();
        String body = createBody(pipeline, "Retried deal");
        HttpResponse<String> first = withKey(null, key, "POST", "/opportunities/", body);
        long events = eventCount();

        HttpResponse<String> second = withKey(null, key, "POST", "/opportunities/", body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM command_model.opportunity_lookup WHERE location_id = ?",
                Integer.class, location)).isEqualTo(1);
    }

    @Test
    void repeatsTheFirstAnswerOfAStatusChange() {
        JsonNode pipeline = pipeline("Lead", "Won");
        String id = opportunity(pipeline, "Deal", "c-1", null).get("id").asText();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> won = withKey(null, key, "PUT", "/opportunities/" + id + "/status",
                "{\"status\": \"won\"}");
        hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"open\"}");
        long events = eventCount();

        HttpResponse<String> retry = withKey(null, key, "PUT", "/opportunities/" + id + "/status",
                "{\"status\": \"won\"}");

        assertThat(won.statusCode()).as(won.body()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(won.body());
        assertThat(eventCount()).as("the retry does not win the reopened deal again").isEqualTo(events);
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyInHighLevelsShape() {
        JsonNode pipeline = pipeline("Lead", "Won");
        String key = UUID.randomUUID().toString();
        withKey(null, key, "POST", "/opportunities/", createBody(pipeline, "First"));
        long events = eventCount();

        HttpResponse<String> other = withKey(null, key, "POST", "/opportunities/", createBody(pipeline, "Second"));

        assertThat(assertInvalid(other)).singleElement().asString().contains("Idempotency-Key");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void refusesAnOverlongKeyInHighLevelsShape() {
        JsonNode pipeline = pipeline("Lead", "Won");
        long events = eventCount();

        HttpResponse<String> overlong = withKey(null, "k".repeat(201), "POST", "/opportunities/",
                createBody(pipeline, "Long key"));

        assertThat(assertError(overlong, 400).get("message").asText()).contains("Idempotency-Key");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void keepsTheKeysOfDifferentApiKeysApart() {
        JsonNode pipeline = pipeline("Lead", "Won");
        String other = key(List.of(location), "opportunities.write");
        String key = UUID.randomUUID().toString();

        HttpResponse<String> mine = withKey(null, key, "POST", "/opportunities/", createBody(pipeline, "Mine"));
        HttpResponse<String> theirs = withKey(other, key, "POST", "/opportunities/", createBody(pipeline, "Theirs"));

        assertThat(mine.statusCode()).as(mine.body()).isEqualTo(201);
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(201);
        assertThat(json(theirs).get("opportunity").get("id").asText())
                .isNotEqualTo(json(mine).get("opportunity").get("id").asText());
    }

    private String createBody(JsonNode pipeline, String name) {
        return "{\"pipelineId\": \"" + pipeline.get("id").asText() + "\", \"locationId\": \"" + location
                + "\", \"name\": \"" + name + "\", \"status\": \"open\", \"contactId\": \"c-" + name.length() + "\"}";
    }

    /** A HighLevel call with an {@code Idempotency-Key}, with the operator key when {@code apiKey} is null. */
    private HttpResponse<String> withKey(String apiKey, String idempotencyKey, String method, String path,
                                         String json) {
        if (apiKey == null) {
            return call(method, path, json, "Version", VERSION, "Idempotency-Key", idempotencyKey);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Version", VERSION)
                .header("Authorization", "Bearer " + apiKey)
                .header("Idempotency-Key", idempotencyKey)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
