package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.bulk.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BulkOperationApiTest extends BulkApiTest {

    @Autowired
    private Worker worker;

    @BeforeEach
    void setUp() {
        pipeline();
    }

    @Test
    void movesTheDealsOfItsIdsAndCountsUnchangedAndRefusedOnes() {
        List<String> ids = deals(3);
        ok(call("POST", at("/opportunities/" + ids.get(2) + "/move-stage"),
                "{\"stageId\": \"" + stages.get(1) + "\"}"), 200);
        String unknown = UUID.randomUUID().toString();
        JsonNode started = start("""
                {"action": "move-stage", "params": {"stageId": "%s"}, "ids": ["%s", "%s", "%s", "%s"]}"""
                .formatted(stages.get(1), ids.get(0), ids.get(1), ids.get(2), unknown));
        assertThat(started.get("action").asText()).isEqualTo("move-stage");
        assertThat(started.get("total").asInt()).isEqualTo(4);
        assertThat(started.has("createdAt")).isTrue();

        JsonNode done = finished(started.get("id").asText());
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(done.get("unchanged").asInt()).isEqualTo(1);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(done.get("failures")).hasSize(1);
        assertThat(done.get("failures").get(0).get("opportunityId").asText()).isEqualTo(unknown);
        assertThat(done.get("failures").get(0).get("status").asInt()).isEqualTo(404);
        assertThat(done.get("failures").get(0).get("title").asText()).contains("does not exist");
        assertThat(opportunity(ids.get(0)).get("stageId").asText()).isEqualTo(stages.get(1));
        assertThat(opportunity(ids.get(1)).get("stageId").asText()).isEqualTo(stages.get(1));
    }

    @Test
    void itsEventsCarryTheOperationInHistoryAndAudit() {
        String id = deal("Acme");
        String operationId = start("""
                {"action": "mark-won", "ids": ["%s"]}""".formatted(id)).get("id").asText();
        finished(operationId);

        JsonNode last = history(id).get(1);
        assertThat(last.get("type").asText()).isEqualTo("OpportunityWon");
        assertThat(last.get("bulkOperationId").asText()).isEqualTo(operationId);
        JsonNode audit = ok(caughtUp(at("/audit/events?aggregateId=" + id), head()), 200).get("items");
        JsonNode won = StreamSupport.stream(audit.spliterator(), false)
                .filter(event -> event.get("type").asText().equals("OpportunityWon")).findFirst().orElseThrow();
        assertThat(won.get("metadata").get("bulkOperationId").asText()).isEqualTo(operationId);
        assertThat(won.get("actor").asText()).isNotBlank();
    }

    @Test
    void appliesEveryActionAsItsOrdinaryCommand() {
        String id = deal("Acme");
        run(id, "move-stage", "{\"stageId\": \"" + stages.get(2) + "\"}");
        assertThat(opportunity(id).get("stageId").asText()).isEqualTo(stages.get(2));
        run(id, "mark-won", null);
        assertThat(opportunity(id).get("status").asText()).isEqualTo("won");
        run(id, "reopen", "{\"stageId\": \"" + stages.get(0) + "\"}");
        assertThat(opportunity(id).get("status").asText()).isEqualTo("open");
        assertThat(opportunity(id).get("stageId").asText()).isEqualTo(stages.get(0));
        run(id, "mark-lost", "{\"lostReason\": \"price\"}");
        assertThat(opportunity(id).get("lostReason").asText()).isEqualTo("price");
        run(id, "reopen", null);
        run(id, "mark-abandoned", null);
        assertThat(opportunity(id).get("status").asText()).isEqualTo("abandoned");
        run(id, "edit", "{\"assignedTo\": \"ann\", \"monetaryValue\": 250.5, \"customFields\": {\"region\": \"EMEA\"}}");
        JsonNode edited = opportunity(id);
        assertThat(edited.get("assignedTo").asText()).isEqualTo("ann");
        assertThat(edited.get("monetaryValue").decimalValue()).isEqualByComparingTo("250.5");
        assertThat(edited.get("customFields").get("region").asText()).isEqualTo("EMEA");
        run(id, "add-tags", "{\"tags\": [\"q3\", \"vip\"]}");
        assertThat(opportunity(id).get("tags").toString()).isEqualTo("[\"hot\",\"q3\",\"vip\"]");
        run(id, "remove-tags", "{\"tags\": [\"hot\"]}");
        assertThat(opportunity(id).get("tags").toString()).isEqualTo("[\"q3\",\"vip\"]");
        run(id, "add-followers", "{\"followers\": [\"u-1\", \"u-2\"]}");
        assertThat(opportunity(id).get("followers").toString()).isEqualTo("[\"u-1\",\"u-2\"]");
        run(id, "delete", null);
        assertThat(caughtUp(at("/opportunities/" + id), head()).statusCode()).isEqualTo(404);
        run(id, "restore", null);
        assertThat(opportunity(id).get("status").asText()).isEqualTo("abandoned");
    }

    @Test
    void resolvesAFilterOnceWhenItStarts() {
        List<String> ids = deals(3);
        ok(call("POST", at("/opportunities/" + ids.get(0) + "/mark-won"), "{}"), 200);
        head();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                read(call("GET", at("/opportunities?status=open&pipelineId=" + pipelineId), null))
                        .get("total").asInt() == 2);
        JsonNode done = finished(start("""
                {"action": "add-tags", "params": {"tags": ["open-deal"]},
                 "filter": {"pipelineId": "%s", "status": "open", "tag": ["hot"]}}""".formatted(pipelineId))
                .get("id").asText());
        assertThat(done.get("total").asInt()).isEqualTo(2);
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(opportunity(ids.get(0)).get("tags").toString()).doesNotContain("open-deal");
        assertThat(opportunity(ids.get(1)).get("tags").toString()).contains("open-deal");
    }

    @Test
    void refusesBadRequestsAndStoresNothing() {
        String id = deal("Acme");
        String ids = "\"ids\": [\"" + id + "\"]";
        assertRefused("{\"action\": \"teleport\", " + ids + "}", 400, "action");
        assertRefused("{" + ids + "}", 400, "action");
        assertRefused("{\"action\": \"mark-won\", " + ids + ", \"filter\": {\"status\": \"all\"}}", 400, "ids");
        assertRefused("{\"action\": \"mark-won\"}", 400, "ids");
        List<String> many = IntStream.range(0, 10_001).mapToObj(i -> "\"id-" + i + "\"").toList();
        assertRefused("{\"action\": \"mark-won\", \"ids\": [" + String.join(",", many) + "]}", 422, "ids");
        assertRefused("{\"action\": \"mark-won\", \"ids\": []}", 422, "ids");
        assertRefused("{\"action\": \"move-stage\", " + ids + "}", 422, "params.stageId");
        assertRefused("{\"action\": \"move-stage\", \"params\": {\"stageId\": 5}, " + ids + "}", 400, "params.stageId");
        assertRefused("{\"action\": \"mark-won\", \"params\": {\"speed\": 1}, " + ids + "}", 400, "params.speed");
        assertRefused("{\"action\": \"add-tags\", \"params\": {\"tags\": \"q3\"}, " + ids + "}", 400, "params.tags");
        assertRefused("{\"action\": \"edit\", \"params\": {\"monetaryValue\": \"lots\"}, " + ids + "}", 400,
                "params.monetaryValue");
        assertRefused("{\"action\": \"edit\", \"params\": {}, " + ids + "}", 422, "params");
        assertRefused("{\"action\": \"mark-won\", \"filter\": {\"colour\": \"red\"}}", 400, "filter.colour");
        assertRefused("{\"action\": \"mark-won\", \"filter\": {\"status\": \"sleeping\"}}", 400, "status");
        assertRefused("{\"action\": \"mark-won\", \"filter\": {\"valueMin\": \"ten\"}}", 400, "valueMin");
        assertRefused("{\"action\": \"mark-won\", " + ids + ", \"extra\": true}", 400, null);
        assertRefused("{\"action\": \"mark-won\", \"ids\": [null]}", 400, "ids");
        assertRefused("{\"action\": ", 400, null);
        assertThat(ok(call("GET", at("/bulk-operations"), null), 200).get("items")).isEmpty();
        assertThat(call("GET", at("/bulk-operations/" + UUID.randomUUID()), null).statusCode()).isEqualTo(404);
        assertThat(call("POST", at("/bulk-operations/" + UUID.randomUUID() + "/cancel"), null).statusCode())
                .isEqualTo(404);
        assertThat(call("POST", at("/bulk-operations/" + UUID.randomUUID() + "/undo"), null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", at("/bulk-operations?cursor=garbage"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void cancelStopsBetweenItemsAndLeavesTheRestAlone() {
        List<String> ids = deals(5);
        worker.stop();
        String operationId;
        try {
            operationId = start("{\"action\": \"mark-won\", \"ids\": " + quoted(ids) + "}").get("id").asText();
            HttpResponse<String> cancel = call("POST", at("/bulk-operations/" + operationId + "/cancel"), null);
            assertThat(cancel.statusCode()).isEqualTo(202);
        } finally {
            worker.start();
        }
        JsonNode done = finished(operationId);
        assertThat(done.get("status").asText()).isEqualTo("cancelled");
        assertThat(done.get("succeeded").asInt() + done.get("unchanged").asInt() + done.get("failed").asInt())
                .isZero();
        ids.forEach(id -> assertThat(opportunity(id).get("status").asText()).isEqualTo("open"));
        assertThat(call("POST", at("/bulk-operations/" + operationId + "/cancel"), null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void goesOnAfterItsWorkerStoppedMidwayWithoutApplyingAnyDealTwice() {
        List<String> ids = deals(120);
        String operationId = start("{\"action\": \"add-tags\", \"params\": {\"tags\": [\"q3\"]}, \"ids\": "
                + quoted(ids) + "}").get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() ->
                read(call("GET", at("/bulk-operations/" + operationId), null)).get("succeeded").asInt() > 0);
        worker.stop();
        JsonNode midway = ok(call("GET", at("/bulk-operations/" + operationId), null), 200);
        worker.start();
        JsonNode done = finished(operationId);

        assertThat(midway.get("status").asText()).isEqualTo("running");
        assertThat(midway.get("succeeded").asInt()).isLessThan(120);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("succeeded").asInt()).isEqualTo(120);
        assertThat(done.get("unchanged").asInt() + done.get("failed").asInt()).isZero();
        ids.forEach(id -> assertThat(eventsOf(id, operationId)).as(id).isEqualTo(1));
    }

    @Test
    void listsOperationsNewestFirstPageByPage() {
        String id = deal("Acme");
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            started.add(finished(start("{\"action\": \"mark-won\", \"ids\": [\"" + id + "\"]}").get("id").asText())
                    .get("id").asText());
        }
        JsonNode first = ok(call("GET", at("/bulk-operations?limit=2"), null), 200);
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(started.get(2));
        assertThat(first.get("items").get(1).get("id").asText()).isEqualTo(started.get(1));
        JsonNode second = ok(call("GET", at("/bulk-operations?limit=2&cursor=" + first.get("nextCursor").asText()),
                null), 200);
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asText()).isEqualTo(started.get(0));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    private void run(String id, String action, String params) {
        JsonNode done = finished(start("{\"action\": \"" + action + "\", "
                + (params == null ? "" : "\"params\": " + params + ", ") + "\"ids\": [\"" + id + "\"]}")
                .get("id").asText());
        assertThat(done.get("succeeded").asInt()).as(action + ": " + done).isEqualTo(1);
    }

    private void assertRefused(String body, int status, String field) {
        HttpResponse<String> response = call("POST", at("/bulk-operations"), body);
        assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (field != null) {
            assertThat(read(response).get("errors").get(0).get("field").asText()).as(response.body())
                    .isEqualTo(field);
        }
    }

    static String quoted(List<String> ids) {
        return "[" + String.join(",", ids.stream().map(id -> "\"" + id + "\"").toList()) + "]";
    }
}
