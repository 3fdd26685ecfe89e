package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives one deal through a long scripted life beside other deals, its tasks included, recording after each command
 * the live detail, the live board and an instant before the next command; then changes the pipeline (a stage
 * renamed, a probability changed, a stage removed) and checks that the history equals the script step by step with
 * its actors, and that the as-of detail and board (task figures included) at every recorded instant equal what was
 * recorded then.
 */
class DealLifeTest extends AuditApiTest {

    /** What the script did in one step and what the API answered right after it. */
    private record Step(String type, String actorKey, Instant at, JsonNode detail, JsonNode board) {
    }

    private final List<Step> steps = new ArrayList<>();
    private String pipelineId;
    private String opportunityId;

    @Test
    void historyAndAsOfAnswersFollowTheScript() {
        JsonNode alice = apiKey("alice", "opportunities.write", "pipelines.write");
        String aliceKey = alice.get("key").asText();
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10},
                 {"name": "Demo", "winProbability": 40}, {"name": "Closing", "winProbability": 70}]}""");
        pipelineId = pipeline.get("id").asText();
        String lead = pipeline.get("stages").get(0).get("id").asText();
        String demo = pipeline.get("stages").get(1).get("id").asText();
        String closing = pipeline.get("stages").get(2).get("id").asText();
        create("Bystander", demo, "50.00");
        create("Closer", closing, "700.00");
        Instant beforeCreation = between();

        opportunityId = commandAs(aliceKey, "POST", at("/opportunities"), """
                {"name": "Acme", "pipelineId": "%s", "stageId": "%s", "monetaryValue": 1000, "assignedTo": "ann",
                 "tags": ["hot"]}""".formatted(pipelineId, lead)).get("id").asText();
        record("OpportunityCreated", aliceKey);
        step("POST", "/move-stage", "{\"stageId\": \"" + demo + "\"}", "OpportunityStageMoved", OPERATOR_KEY);
        step("PATCH", "", "{\"monetaryValue\": 2500.50}", "OpportunityValueChanged", OPERATOR_KEY);
        step("PATCH", "", "{\"assignedTo\": \"bob\"}", "OpportunityOwnerAssigned", aliceKey);
        step("POST", "/mark-lost", "{\"lostReason\": \"price\"}", "OpportunityLost", aliceKey);
        step("POST", "/reopen", "{}", "OpportunityReopened", OPERATOR_KEY);
        step("POST", "/move-stage", "{\"stageId\": \"" + closing + "\"}", "OpportunityStageMoved", OPERATOR_KEY);
        step("PATCH", "", "{\"name\": \"Acme Corp\"}", "OpportunityRenamed", aliceKey);
        step("POST", "/notes", "{\"body\": \"called the buyer\"}", "OpportunityNoteAdded", OPERATOR_KEY);
        // The card's task figures move with each task command; the as-of board must show the ones of each instant.
        String offer = step("POST", "/tasks", "{\"title\": \"Send the offer\", \"dueAt\": \"2030-03-01T09:00:00Z\"}",
                "OpportunityTaskAdded", OPERATOR_KEY).get("taskId").asText();
        String call = step("POST", "/tasks", "{\"title\": \"Call back\", \"dueAt\": \"2030-02-01T09:00:00Z\"}",
                "OpportunityTaskAdded", aliceKey).get("taskId").asText();
        step("PATCH", "/tasks/" + call, "{\"dueAt\": \"2030-04-01T09:00:00Z\"}", "OpportunityTaskEdited",
                OPERATOR_KEY);
        step("POST", "/tasks/" + offer + "/complete", "{}", "OpportunityTaskCompleted", aliceKey);
        step("POST", "/tasks/" + offer + "/reopen", "{}", "OpportunityTaskReopened", OPERATOR_KEY);
        step("DELETE", "/tasks/" + call, null, "OpportunityTaskDeleted", aliceKey);
        JsonNode afterEdit = cardOn(steps.get(steps.size() - 4).board());
        assertThat(afterEdit.get("openTasks").asInt()).isEqualTo(2);
        assertThat(afterEdit.get("nextTaskDueAt").asText()).isEqualTo("2030-03-01T09:00:00Z");
        assertThat(cardOn(steps.get(steps.size() - 3).board()).get("nextTaskDueAt").asText())
                .as("the completed task's due date no longer counts").isEqualTo("2030-04-01T09:00:00Z");
        step("POST", "/mark-won", "{}", "OpportunityWon", aliceKey);
        step("DELETE", "", null, "OpportunityDeleted", OPERATOR_KEY);
        step("POST", "/restore", null, "OpportunityRestored", OPERATOR_KEY);
        step("POST", "/reopen", "{}", "OpportunityReopened", aliceKey);
        step("POST", "/move-stage", "{\"stageId\": \"" + demo + "\"}", "OpportunityStageMoved", OPERATOR_KEY);

        command("PATCH", at("/pipelines/" + pipelineId + "/stages/" + demo), "{\"name\": \"Demo (renamed)\"}");
        command("PATCH", at("/pipelines/" + pipelineId + "/stages/" + lead), "{\"winProbability\": 25}");
        command("DELETE", at("/pipelines/" + pipelineId + "/stages/" + closing + "?moveOpenTo=" + lead), null);

        JsonNode history = read(at("/opportunities/" + opportunityId + "/history")).get("items");
        assertThat(history).hasSize(steps.size());
        String operatorActor = history.get(1).get("actor").asText();
        String aliceActor = alice.get("id").asText();
        assertThat(operatorActor).isNotBlank().isNotEqualTo(aliceActor);
        for (int i = 0; i < steps.size(); i++) {
            JsonNode item = history.get(i);
            assertThat(item.get("sequence").asLong()).isEqualTo(i);
            assertThat(item.get("type").asText()).as("type of step " + i).isEqualTo(steps.get(i).type());
            assertThat(item.get("actor").asText()).as("actor of step " + i)
                    .isEqualTo(steps.get(i).actorKey().equals(aliceKey) ? aliceActor : operatorActor);
            assertThat(Instant.parse(item.get("occurredAt").asText())).as("time of step " + i)
                    .isBeforeOrEqualTo(steps.get(i).at());
            assertThat(item.get("door").asText()).isEqualTo("native");
        }
        assertThat(history.get(0).get("data").get("stageName").asText()).isEqualTo("Lead");
        assertThat(history.get(0).get("data").get("pipelineName").asText()).isEqualTo("Sales");
        assertThat(history.get(1).get("data").get("fromStageName").asText()).isEqualTo("Lead");
        assertThat(history.get(1).get("data").get("toStageName").asText())
                .as("the name the stage had then, not its later one").isEqualTo("Demo");
        assertThat(history.get(6).get("data").get("toStageName").asText())
                .as("a stage removed later keeps its name in history").isEqualTo("Closing");
        assertThat(history.get(4).get("data").get("reason").get("text").asText()).isEqualTo("price");
        assertThat(history.get(2).get("data").get("monetaryValue").decimalValue()).isEqualByComparingTo("2500.50");

        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            HttpResponse<String> detail = call("GET", at("/opportunities/" + opportunityId + "?asOf=" + step.at()),
                    null);
            if (step.detail() == null) {
                assertThat(detail.statusCode()).as("deleted at step " + i).isEqualTo(404);
            } else {
                assertThat(detail.statusCode()).as("detail at step " + i).isEqualTo(200);
                assertThat(parse(detail.body())).as("detail at step " + i).isEqualTo(step.detail());
            }
            assertThat(read(at("/pipelines/" + pipelineId + "/board?asOf=" + step.at())))
                    .as("board at step " + i).isEqualTo(step.board());
        }
        assertThat(call("GET", at("/opportunities/" + opportunityId + "?asOf=" + beforeCreation), null)
                .statusCode()).isEqualTo(404);
        JsonNode boardNow = read(at("/pipelines/" + pipelineId + "/board"));
        assertThat(boardNow.get("stages")).hasSize(2);
        assertThat(boardNow.get("stages").get(0).get("winProbability").asInt()).isEqualTo(25);
        assertThat(read(at("/pipelines/" + pipelineId + "/board?asOf=" + between())))
                .isEqualTo(boardNow);
    }

    @Test
    void deletedOpportunityKeepsItsHistory() {
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Short", "stages": [{"name": "Only", "winProbability": 50}]}""");
        pipelineId = pipeline.get("id").asText();
        String id = create("Gone", pipeline.get("stages").get(0).get("id").asText(), "10.00");
        command("DELETE", at("/opportunities/" + id), null);

        assertThat(call("GET", at("/opportunities/" + id), null, "Consistency-Token", token).statusCode())
                .isEqualTo(404);
        JsonNode items = read(at("/opportunities/" + id + "/history")).get("items");
        assertThat(items).extracting(item -> item.get("type").asText())
                .containsExactly("OpportunityCreated", "OpportunityDeleted");
    }

    @Test
    void historyPagesAndRefusesWhatItCannotAnswer() {
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Paged", "stages": [{"name": "A", "winProbability": 50},
                 {"name": "B", "winProbability": 60}]}""");
        pipelineId = pipeline.get("id").asText();
        String a = pipeline.get("stages").get(0).get("id").asText();
        String b = pipeline.get("stages").get(1).get("id").asText();
        String id = create("Paged deal", a, "10.00");
        for (int i = 0; i < 4; i++) {
            command("POST", at("/opportunities/" + id + "/move-stage"), "{\"stageId\": \"" + (i % 2 == 0 ? b : a)
                    + "\"}");
        }
        JsonNode first = read(at("/opportunities/" + id + "/history?limit=2"));
        JsonNode second = read(at("/opportunities/" + id + "/history?limit=2&cursor="
                + first.get("nextCursor").asText()));
        JsonNode third = read(at("/opportunities/" + id + "/history?limit=2&cursor="
                + second.get("nextCursor").asText()));
        assertThat(first.get("items")).extracting(item -> item.get("sequence").asInt()).containsExactly(0, 1);
        assertThat(second.get("items")).extracting(item -> item.get("sequence").asInt()).containsExactly(2, 3);
        assertThat(third.get("items")).extracting(item -> item.get("sequence").asInt()).containsExactly(4);
        assertThat(third.get("nextCursor").isNull()).isTrue();
        assertThat(read(at("/opportunities/" + id + "/history?limit=4&cursor=" + second.get("nextCursor").asText()))
                .get("items")).extracting(item -> item.get("sequence").asInt()).containsExactly(4);
        JsonNode lastPage = read(at("/opportunities/" + id + "/history?limit=4&cursor="
                + read(at("/opportunities/" + id + "/history?limit=4")).get("nextCursor").asText()));
        assertThat(lastPage.get("items")).extracting(item -> item.get("sequence").asInt()).containsExactly(4);
        assertThat(lastPage.get("nextCursor").isNull()).isTrue();

        assertProblem(at("/opportunities/" + id + "/history?limit=0"), 400, "limit");
        assertProblem(at("/opportunities/" + id + "/history?cursor=garbage"), 400, "cursor");
        assertProblem(at("/opportunities/" + id + "?asOf=yesterday"), 400, "asOf");
        assertProblem(at("/opportunities/" + id + "?asOf=2026-13-01"), 400, "asOf");
        assertProblem(at("/pipelines/" + pipelineId + "/board?asOf=12:00"), 400, "asOf");
        assertProblem(at("/pipelines/" + pipelineId + "/board?asOf=+20000-01-01T00:00:00Z"), 400, "asOf");
        assertProblem(at("/opportunities/unknown-id/history"), 404, null);
        assertProblem(at("/pipelines/" + pipelineId + "/board?asOf=2001-01-01"), 404, null);
        String elsewhere = "/api/v1/locations/other-" + location + "/opportunities/" + id;
        assertProblem(elsewhere + "/history", 404, null);
        assertProblem(elsewhere + "/history?limit=2&cursor=" + first.get("nextCursor").asText(), 404, null);
        assertProblem(elsewhere + "?asOf=2100-01-01", 404, null);
        assertThat(read(at("/opportunities/" + id + "?asOf=2100-01-01")).get("version").asInt()).isEqualTo(5);
    }

    private void assertProblem(String path, int status, String parameter) {
        HttpResponse<String> response = call("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        if (parameter != null) {
            assertThat(response.body()).contains(parameter);
        }
    }

    private String create(String name, String stageId, String value) {
        return command("POST", at("/opportunities"), """
                {"name": "%s", "pipelineId": "%s", "stageId": "%s", "monetaryValue": %s}"""
                .formatted(name, pipelineId, stageId, value)).get("id").asText();
    }

    private JsonNode step(String method, String path, String json, String type, String key) {
        JsonNode answer = commandAs(key, method, at("/opportunities/" + opportunityId + path), json);
        record(type, key);
        return answer;
    }

    /** The scripted deal's card on a board. */
    private JsonNode cardOn(JsonNode board) {
        for (JsonNode stage : board.get("stages")) {
            for (JsonNode card : stage.get("opportunities")) {
                if (card.get("id").asText().equals(opportunityId)) {
                    return card;
                }
            }
        }
        throw new AssertionError("no card of " + opportunityId + " on " + board);
    }

    private void record(String type, String key) {
        Instant at = between();
        HttpResponse<String> detail = call("GET", at("/opportunities/" + opportunityId), null,
                "Consistency-Token", token);
        JsonNode board = read(at("/pipelines/" + pipelineId + "/board"));
        steps.add(new Step(type, key, at, detail.statusCode() == 404 ? null : parse(detail.body()), board));
    }
}
