package io.dealflow.command.opportunity;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code Idempotency-Key}: a retry answers the first answer and changes nothing; the same key with another body is
 * refused.
 */
class IdempotencyTest extends OpportunityApiSupport {

    private String createBody(String name) {
        return "{\"name\": \"" + name + "\", \"pipelineId\": \"" + pipeline.id() + "\"}";
    }

    @Test
    void repeatsTheFirstAnswerOfACreateAndEmitsNothing() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = call("POST", at("/opportunities"), createBody("Retry me"), "Idempotency-Key", key);
        long events = eventCount();

        HttpResponse<String> second = call("POST", at("/opportunities"), createBody("Retry me"), "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Consistency-Token"))
                .isEqualTo(first.headers().firstValue("Consistency-Token"));
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void repeatsTheFirstAnswerOfAnUpdate() {
        String id = createOpportunity();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = call("POST", opportunity(id, "/mark-won"), "{}", "Idempotency-Key", key);
        call("POST", opportunity(id, "/reopen"), "{}");
        long events = eventCount();

        HttpResponse<String> second = call("POST", opportunity(id, "/mark-won"), "{}", "Idempotency-Key", key);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(eventCount()).as("the repeat does not win the reopened deal again").isEqualTo(events);
    }

    @Test
    void refusesTheSameKeyWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        call("POST", at("/opportunities"), createBody("First"), "Idempotency-Key", key);
        long events = eventCount();

        HttpResponse<String> other = call("POST", at("/opportunities"), createBody("Second"), "Idempotency-Key", key);

        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void refusesTheSameKeyWithAnotherQueryString() {
        String opportunityId = createOpportunity();
        String key = UUID.randomUUID().toString();
        String removal = at("/pipelines/" + pipeline.id() + "/stages/" + pipeline.stage(0));
        HttpResponse<String> first = call("DELETE", removal + "?moveOpenTo=" + pipeline.stage(1), null,
                "Idempotency-Key", key);
        long events = eventCount();

        HttpResponse<String> otherTarget = call("DELETE", removal + "?moveOpenTo=" + pipeline.stage(2), null,
                "Idempotency-Key", key);
        HttpResponse<String> noTarget = call("DELETE", removal, null, "Idempotency-Key", key);
        HttpResponse<String> repeat = call("DELETE", removal + "?moveOpenTo=" + pipeline.stage(1), null,
                "Idempotency-Key", key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertProblem(otherTarget, 422, "idempotency-key-reused");
        assertProblem(noTarget, 422, "idempotency-key-reused");
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(eventTypes(opportunityId)).containsExactly("OpportunityCreated", "OpportunityStageMoved");
    }

    @Test
    void refusesTheSameKeyWithAnotherMethodOnThePath() {
        String id = createOpportunity();
        String key = UUID.randomUUID().toString();
        call("POST", opportunity(id, "/restore"), null, "Idempotency-Key", key);
        long events = eventCount();

        HttpResponse<String> other = call("DELETE", opportunity(id, "/restore"), null, "Idempotency-Key", key);

        assertProblem(other, 422, "idempotency-key-reused");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void keepsKeysApartPerPath() {
        String key = UUID.randomUUID().toString();
        String id = createOpportunity();
        HttpResponse<String> won = call("POST", opportunity(id, "/mark-won"), "{}", "Idempotency-Key", key);
        HttpResponse<String> created = call("POST", at("/opportunities"), createBody("Same key"), "Idempotency-Key", key);

        assertThat(won.statusCode()).isEqualTo(200);
        assertThat(created.statusCode()).isEqualTo(201);
    }

    @Test
    void storesRefusalsTooSoARetryIsNotTried() {
        String key = UUID.randomUUID().toString();
        String body = "{\"name\": \"Bad\", \"pipelineId\": \"" + pipeline.id() + "\", \"monetaryValue\": -1}";
        HttpResponse<String> first = call("POST", at("/opportunities"), body, "Idempotency-Key", key);
        HttpResponse<String> second = call("POST", at("/opportunities"), body, "Idempotency-Key", key);

        assertProblem(first, 422, "invalid-monetary-value");
        assertThat(second.statusCode()).isEqualTo(422);
        assertThat(second.body()).isEqualTo(first.body());
    }

    @Test
    void refusesAnOverlongKey() {
        long events = eventCount();
        HttpResponse<String> response = call("POST", at("/opportunities"), createBody("Long key"),
                "Idempotency-Key", "k".repeat(201));

        assertProblem(response, 400, "bad-idempotency-key");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void survivesARestartBecauseKeysLiveInPostgres() {
        String key = UUID.randomUUID().toString();
        call("POST", at("/opportunities"), createBody("Stored"), "Idempotency-Key", key);

        Integer stored = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.idempotency_key WHERE idempotency_key = ? AND status = 201""",
                Integer.class, key);
        assertThat(stored).isEqualTo(1);
    }
}
