package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BulkUndoTest extends BulkApiTest {

    /** The facets an undo puts back; a deleted deal is {@code "deleted"}. */
    private static final List<String> FACETS = List.of("name", "pipelineId", "stageId", "status", "monetaryValue",
            "currency", "assignedTo", "source", "tags", "customFields", "followers", "lostReasonId", "lostReason");

    @BeforeEach
    void setUp() {
        pipeline();
    }

    @Test
    void putsBackWhatTheOperationChangedAndLeavesDealsChangedSinceAlone() {
        List<String> ids = deals(3);
        ok(call("POST", at("/opportunities/" + ids.get(2) + "/mark-won"), "{}"), 200);
        Map<String, String> before = states(ids);
        String operationId = finished(start("""
                {"action": "move-stage", "params": {"stageId": "%s"}, "ids": %s}"""
                .formatted(stages.get(2), BulkOperationApiTest.quoted(ids))).get("id").asText()).get("id").asText();
        ok(call("PATCH", at("/opportunities/" + ids.get(1)), "{\"assignedTo\": \"meddler\"}"), 200);
        String meddled = state(ids.get(1));

        HttpResponse<String> undo = call("POST", at("/bulk-operations/" + operationId + "/undo"), null);
        assertThat(undo.statusCode()).as(undo.body()).isEqualTo(202);
        JsonNode done = finished(read(undo).get("id").asText());

        assertThat(done.get("action").asText()).isEqualTo("undo");
        assertThat(done.get("undoOf").asText()).isEqualTo(operationId);
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(done.get("failures").get(0).get("opportunityId").asText()).isEqualTo(ids.get(1));
        assertThat(done.get("failures").get(0).get("title").asText()).isEqualTo("changed since");
        assertThat(state(ids.get(0))).isEqualTo(before.get(ids.get(0)));
        assertThat(state(ids.get(2))).isEqualTo(before.get(ids.get(2)));
        assertThat(state(ids.get(1))).isEqualTo(meddled);
        assertThat(call("POST", at("/bulk-operations/" + operationId + "/undo"), null).statusCode()).isEqualTo(409);
    }

    @Test
    void restoresDeletedDealsAndRefusesToUndoARunningOperation() {
        List<String> ids = deals(2);
        Map<String, String> before = states(ids);
        String operationId = finished(start("{\"action\": \"delete\", \"ids\": " + BulkOperationApiTest.quoted(ids)
                + "}").get("id").asText()).get("id").asText();
        assertThat(state(ids.get(0))).isEqualTo("deleted");
        JsonNode done = finished(read(call("POST", at("/bulk-operations/" + operationId + "/undo"), null))
                .get("id").asText());
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(states(ids)).isEqualTo(before);
    }

    /**
     * Model: random bulk operations with random single edits after them; after each undo every deal the operation
     * changed and nobody touched since is as it was before the operation, every deal touched since is as the edit
     * left it (and listed as changed since), and every other deal is as the operation left it.
     */
    @Test
    void undoMatchesAModelOfRandomOperationsAndInterleavedEdits() {
        Random random = new Random(20_261_207L);
        List<String> ids = deals(10);
        for (int round = 0; round < 6; round++) {
            Map<String, String> beforeOperation = states(ids);
            List<String> chosen = new ArrayList<>(ids.stream().filter(id -> random.nextInt(3) > 0).toList());
            if (chosen.isEmpty()) {
                chosen.add(ids.get(0));
            }
            ObjectNode body = randomOperation(random);
            body.set("ids", json.valueToTree(chosen));
            JsonNode operation = finished(start(body.toString()).get("id").asText());
            Map<String, String> afterOperation = states(ids);
            Set<String> changedByOperation = new HashSet<>();
            for (String id : ids) {
                if (!afterOperation.get(id).equals(beforeOperation.get(id))) {
                    changedByOperation.add(id);
                }
            }
            assertThat(operation.get("succeeded").asInt()).as(body + " " + operation)
                    .isEqualTo(changedByOperation.size());
            Set<String> editedSince = new HashSet<>();
            for (String id : ids) {
                if (random.nextInt(4) == 0 && !afterOperation.get(id).equals("deleted")) {
                    String owner = "owner-" + random.nextInt(1000);
                    ok(call("PATCH", at("/opportunities/" + id), "{\"assignedTo\": \"" + owner + "\"}"), 200);
                    editedSince.add(id);
                }
            }
            Map<String, String> beforeUndo = states(ids);

            JsonNode undo = finished(read(call("POST", at("/bulk-operations/" + operation.get("id").asText()
                    + "/undo"), null)).get("id").asText());

            Map<String, String> afterUndo = states(ids);
            Set<String> listedChangedSince = new HashSet<>();
            undo.get("failures").forEach(failure -> {
                assertThat(failure.get("title").asText()).isEqualTo("changed since");
                listedChangedSince.add(failure.get("opportunityId").asText());
            });
            Set<String> expectedChangedSince = new HashSet<>(changedByOperation);
            expectedChangedSince.retainAll(editedSince);
            assertThat(listedChangedSince).as("round " + round + " " + body).isEqualTo(expectedChangedSince);
            for (String id : ids) {
                String expected = changedByOperation.contains(id) && !editedSince.contains(id)
                        ? beforeOperation.get(id) : beforeUndo.get(id);
                assertThat(afterUndo.get(id)).as("round " + round + " " + body + " deal " + id).isEqualTo(expected);
            }
        }
    }

    private ObjectNode randomOperation(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode params = body.putObject("params");
        String[] actions = {"move-stage", "mark-won", "mark-lost", "mark-abandoned", "reopen", "edit", "add-tags",
                "remove-tags", "add-followers", "delete", "restore"};
        String action = actions[random.nextInt(actions.length)];
        body.put("action", action);
        switch (action) {
            case "move-stage" -> params.put("stageId", stages.get(random.nextInt(stages.size())));
            case "mark-lost" -> params.put("lostReason", "reason-" + random.nextInt(3));
            case "reopen" -> {
                if (random.nextBoolean()) {
                    params.put("stageId", stages.get(random.nextInt(stages.size())));
                }
            }
            case "edit" -> {
                params.put("assignedTo", "user-" + random.nextInt(3));
                params.put("monetaryValue", random.nextInt(5) * 100);
                params.putArray("tags").add("t" + random.nextInt(3));
                params.putObject("customFields").put("region", "r" + random.nextInt(3));
            }
            case "add-tags", "remove-tags" -> params.putArray("tags").add("t" + random.nextInt(3)).add("hot");
            case "add-followers" -> params.putArray("followers").add("f" + random.nextInt(3));
            default -> body.remove("params");
        }
        return body;
    }

    private Map<String, String> states(List<String> ids) {
        Map<String, String> states = new HashMap<>();
        String token = head();
        ids.forEach(id -> states.put(id, state(id, token)));
        return states;
    }

    /** The facets an undo restores, as one comparable string; {@code deleted} for a deleted deal. */
    private String state(String id) {
        return state(id, head());
    }

    private String state(String id, String token) {
        HttpResponse<String> response = caughtUp(at("/opportunities/" + id), token);
        if (response.statusCode() == 404) {
            return "deleted";
        }
        JsonNode deal = ok(response, 200);
        ObjectNode facets = JsonNodeFactory.instance.objectNode();
        FACETS.forEach(facet -> facets.set(facet, deal.get(facet)));
        return facets.toString();
    }
}
