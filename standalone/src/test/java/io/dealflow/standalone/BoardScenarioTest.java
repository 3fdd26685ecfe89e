package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a scripted series of commands through the command API and checks that the board (and the search total)
 * of the query side equal what the test computes from the same script: creates across stages and owners, moves,
 * won/lost/reopen, value changes, deletes and restores, a probability change and a stage removal with a move.
 */
class BoardScenarioTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OWNERS = List.of("ann", "bob", "cyd");

    /** The test's own model of each deal. */
    private static final class Deal {
        String stage;
        String status = "open";
        BigDecimal value;
        String owner;
        boolean deleted;
    }

    private final Map<String, Deal> deals = new LinkedHashMap<>();
    private final Map<String, Integer> probabilities = new HashMap<>();
    private final List<String> stages = new ArrayList<>();
    private String pipelineId;
    private String token = "0";

    @Test
    void boardTotalsEqualTheScriptsOwnComputation() throws Exception {
        createPipeline();
        Random random = new Random(20261125);
        for (int i = 0; i < 60; i++) {
            create(stages.get(random.nextInt(stages.size())), OWNERS.get(random.nextInt(OWNERS.size())),
                    new BigDecimal(random.nextInt(100_000)).movePointLeft(2));
        }
        List<String> ids = new ArrayList<>(deals.keySet());
        for (int step = 0; step < 150; step++) {
            String id = ids.get(random.nextInt(ids.size()));
            Deal deal = deals.get(id);
            if (deal.deleted) {
                command("POST", id, "/restore", "{}");
                deal.deleted = false;
                continue;
            }
            switch (random.nextInt(7)) {
                case 0, 1 -> {
                    String stage = stages.get(random.nextInt(stages.size()));
                    command("POST", id, "/move-stage", "{\"stageId\":\"" + stage + "\"}");
                    deal.stage = stage;
                }
                case 2 -> {
                    command("POST", id, "/mark-won", "{}");
                    deal.status = "won";
                }
                case 3 -> {
                    command("POST", id, "/mark-lost", "{\"lostReason\":\"price\"}");
                    deal.status = "lost";
                }
                case 4 -> {
                    command("POST", id, "/reopen", "{}");
                    deal.status = "open";
                }
                case 5 -> {
                    BigDecimal value = new BigDecimal(random.nextInt(100_000)).movePointLeft(2);
                    command("PATCH", id, "", "{\"monetaryValue\":" + value.toPlainString() + "}");
                    deal.value = value;
                }
                default -> {
                    command("DELETE", id, "", null);
                    deal.deleted = true;
                }
            }
        }
        assertBoardMatches(null);

        // A later probability change re-weights at once; removing a stage moves its open deals.
        String proposal = stages.get(2);
        answer(call("PATCH", at("/pipelines/" + pipelineId + "/stages/" + proposal), "{\"winProbability\":75}"), 200);
        probabilities.put(proposal, 75);
        String removed = stages.get(1);
        answer(call("DELETE", at("/pipelines/" + pipelineId + "/stages/" + removed + "?moveOpenTo=" + proposal), null),
                200);
        deals.values().stream().filter(d -> d.stage.equals(removed) && d.status.equals("open") && !d.deleted)
                .forEach(d -> d.stage = proposal);
        stages.remove(removed);
        assertBoardMatches(null);
        assertBoardMatches("bob");

        long openNotDeleted = deals.values().stream().filter(d -> d.status.equals("open") && !d.deleted).count();
        JsonNode search = answer(call("GET", at("/opportunities?pipelineId=" + pipelineId + "&limit=1"), null,
                "Consistency-Token", token), 200);
        assertThat(search.get("total").asLong()).isEqualTo(openNotDeleted);
    }

    private void assertBoardMatches(String owner) throws Exception {
        String query = "?limit=500" + (owner == null ? "" : "&assignedTo=" + owner);
        JsonNode board = answer(call("GET", at("/pipelines/" + pipelineId + "/board" + query), null,
                "Consistency-Token", token), 200);
        List<String> columns = new ArrayList<>();
        for (JsonNode column : board.get("stages")) {
            String stage = column.get("id").asText();
            columns.add(stage);
            List<Deal> open = deals.values().stream()
                    .filter(d -> d.stage.equals(stage) && d.status.equals("open") && !d.deleted)
                    .filter(d -> owner == null || owner.equals(d.owner))
                    .toList();
            BigDecimal total = open.stream().map(d -> d.value).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal weighted = total.multiply(BigDecimal.valueOf(probabilities.get(stage)))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            assertThat(column.get("count").asLong()).as("count of " + stage).isEqualTo(open.size());
            assertThat(column.get("totalValue").decimalValue()).as("total of " + stage).isEqualByComparingTo(total);
            assertThat(column.get("weightedValue").decimalValue()).as("weighted of " + stage)
                    .isEqualByComparingTo(weighted);
            assertThat(column.get("winProbability").asInt()).isEqualTo(probabilities.get(stage));
            assertThat(column.get("opportunities")).hasSize(open.size());
        }
        assertThat(columns).isEqualTo(stages);
    }

    private void createPipeline() throws Exception {
        JsonNode pipeline = answer(call("POST", at("/pipelines"), """
                {"name":"Scenario","stages":[{"name":"Lead","winProbability":10},{"name":"Qualified","winProbability":30},
                 {"name":"Proposal","winProbability":60},{"name":"Closing","winProbability":90}]}"""), 201);
        pipelineId = pipeline.get("id").asText();
        for (JsonNode stage : pipeline.get("stages")) {
            stages.add(stage.get("id").asText());
            probabilities.put(stage.get("id").asText(), stage.get("winProbability").asInt());
        }
    }

    private void create(String stage, String owner, BigDecimal value) throws Exception {
        JsonNode created = answer(call("POST", at("/opportunities"), "{\"name\":\"Deal\",\"pipelineId\":\"" + pipelineId
                + "\",\"stageId\":\"" + stage + "\",\"assignedTo\":\"" + owner + "\",\"monetaryValue\":"
                + value.toPlainString() + "}"), 201);
        Deal deal = new Deal();
        deal.stage = stage;
        deal.owner = owner;
        deal.value = value;
        deals.put(created.get("id").asText(), deal);
    }

    private void command(String method, String id, String tail, String body) throws Exception {
        answer(call(method, at("/opportunities/" + id + tail), body), 200);
    }

    private JsonNode answer(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        if (body.has("consistencyToken")) {
            token = body.get("consistencyToken").asText();
        }
        return body;
    }
}
