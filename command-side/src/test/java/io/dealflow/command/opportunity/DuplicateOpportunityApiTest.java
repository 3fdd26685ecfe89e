package io.dealflow.command.opportunity;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The location setting {@code allowDuplicateOpportunity} over HTTP on PostgreSQL, and the rule it switches through the
 * native door: unset allows duplicates, {@code false} lets a contact have one open deal per pipeline, even under
 * concurrent creates.
 */
class DuplicateOpportunityApiTest extends OpportunityApiSupport {

    private static final int CONCURRENT_CREATES = 8;

    private HttpResponse<String> createFor(String contactId) {
        return call("POST", at("/opportunities"), "{\"name\": \"Deal\", \"pipelineId\": \"" + pipeline.id()
                + "\", \"contact\": {\"id\": \"" + contactId + "\"}}");
    }

    private void allowDuplicates(boolean allowed) {
        HttpResponse<String> changed = call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": " + allowed + "}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
    }

    @Test
    void settingsAreUnsetUntilChangedAndThenRememberWhoChangedThem() {
        HttpResponse<String> unset = call("GET", at("/settings"), null);
        assertThat(unset.statusCode()).isEqualTo(200);
        assertThat(json(unset).get("allowDuplicateOpportunity").isNull()).isTrue();

        HttpResponse<String> changed = call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": false}");

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("allowDuplicateOpportunity").asBoolean(true)).isFalse();
        HttpResponse<String> read = call("GET", at("/settings"), null);
        assertThat(json(read).get("locationId").asText()).isEqualTo(location);
        assertThat(json(read).get("allowDuplicateOpportunity").asBoolean(true)).isFalse();
        // The operator key the tests send is the actor.
        assertThat(json(read).get("updatedBy").asText()).isNotBlank().isNotEqualTo("anonymous");
        assertThat(json(read).get("updatedAt").asText()).endsWith("Z");
    }

    @Test
    void refusesSettingsWithoutTheValueOrOfTheWrongType() {
        assertProblem(call("PUT", at("/settings"), "{}"), 422, "validation");
        assertProblem(call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": null}"), 422, "validation");
        assertProblem(call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": [1]}"), 400, "malformed-request");
        assertProblem(call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": true, \"other\": 1}"), 400,
                "malformed-request");
        assertProblem(call("PUT", "/api/v1/locations/bad%20location/settings",
                "{\"allowDuplicateOpportunity\": true}"), 400, "bad-request");
        assertThat(json(call("GET", at("/settings"), null)).get("allowDuplicateOpportunity").isNull()).isTrue();
    }

    @Test
    void nativeDoorAllowsDuplicatesWhileTheSettingIsUnset() {
        assertThat(createFor("c-1").statusCode()).isEqualTo(201);
        assertThat(createFor("c-1").statusCode()).isEqualTo(201);
    }

    @Test
    void refusesASecondOpenDealOfTheContactWhereDuplicatesAreNotAllowed() {
        allowDuplicates(false);
        String first = json(createFor("c-1")).get("id").asText();
        long events = eventCount();

        HttpResponse<String> second = createFor("c-1");

        assertProblem(second, 422, "duplicate-opportunity");
        assertThat(json(second).get("detail").asText()).contains(first);
        assertThat(json(second).get("errors").get(0).get("field").asText()).isEqualTo("contact.id");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(createFor("c-2").statusCode()).isEqualTo(201);
    }

    @Test
    void aClosedDealOrAnotherPipelineIsNoDuplicate() {
        allowDuplicates(false);
        String first = json(createFor("c-1")).get("id").asText();
        assertThat(call("POST", opportunity(first, "/mark-lost"), "{}").statusCode()).isEqualTo(200);

        String second = json(createFor("c-1")).get("id").asText();
        PipelineSetup.CreatedPipeline other = setup.pipeline(location, "Renewal");
        HttpResponse<String> inOther = call("POST", at("/opportunities"), "{\"name\": \"Deal\", \"pipelineId\": \""
                + other.id() + "\", \"contact\": {\"id\": \"c-1\"}}");

        assertThat(inOther.statusCode()).as(inOther.body()).isEqualTo(201);
        assertProblem(call("POST", opportunity(first, "/reopen"), "{}"), 422, "duplicate-opportunity");
        assertProblem(call("POST", opportunity(json(inOther).get("id").asText(), "/move-stage"),
                "{\"pipelineId\": \"" + pipeline.id() + "\", \"stageId\": \"" + pipeline.stage(1) + "\"}"), 422,
                "duplicate-opportunity");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void followsAContactChangeOfAnExistingDeal() {
        allowDuplicates(false);
        String id = json(createFor("c-1")).get("id").asText();
        assertThat(call("PATCH", opportunity(id, ""), "{\"contact\": {\"id\": \"c-9\"}}").statusCode()).isEqualTo(200);

        assertThat(createFor("c-1").statusCode()).isEqualTo(201);
        assertProblem(createFor("c-9"), 422, "duplicate-opportunity");
    }

    @Test
    void concurrentCreatesForOneContactOpenExactlyOneDeal() throws Exception {
        allowDuplicates(false);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENT_CREATES);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < CONCURRENT_CREATES; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return createFor("c-race");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                statuses.add(answer.get().statusCode());
            }
            assertThat(statuses).containsOnlyOnce(201);
            assertThat(statuses).filteredOn(status -> status != 201).containsOnly(422);
        } finally {
            clients.shutdownNow();
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM command_model.opportunity_lookup
                WHERE location_id = ? AND contact_id = 'c-race' AND status = 'open'""", Long.class, location))
                .isEqualTo(1);
    }
}
