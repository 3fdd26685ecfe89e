package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test of the whole server: a seeded random sequence of commands through the HTTP API (create pipelines
 * and deals, move stages and pipelines, mark won, lost and abandoned, reopen, edit value and name, delete, restore)
 * applied both to the server and to a small model kept by the test. After every step the deal's read side (read with
 * the command's consistency token) equals the model, and every few steps so do every board's per-stage counts and
 * totals and the search totals.
 *
 * <p>{@code -Ddealflow.model.seed=<long>} runs another sequence; a failure names the seed and the step.
 */
class DealModelTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_SEED = 20261125L;
    private static final int STEPS = 300;

    /** The model of a deal: what the read side must show. */
    private static final class Deal {
        String name;
        String pipeline;
        String stage;
        String status = "open";
        BigDecimal value;
        boolean deleted;
        long version = 1;
    }

    private final Map<String, List<String>> pipelines = new LinkedHashMap<>();
    private final Map<String, Deal> deals = new LinkedHashMap<>();
    private final List<String> log = new ArrayList<>();
    private Random random;
    private String token = "0";

    @Test
    void readSideFollowsARandomCommandSequence() {
        long seed = Long.getLong("dealflow.model.seed", DEFAULT_SEED);
        random = new Random(seed);
        createPipeline();
        for (int step = 1; step <= STEPS; step++) {
            String touched = step(step);
            String context = "seed " + seed + ", step " + step + ", last steps:\n  "
                    + String.join("\n  ", log.subList(Math.max(0, log.size() - 8), log.size()));
            if (touched != null) {
                assertDealMatches(touched, context);
            }
            if (step % 10 == 0 || step == STEPS) {
                assertBoardsAndSearchMatch(context);
            }
        }
    }

    /** Runs one random command on server and model; answers the id of the deal it touched, if any. */
    private String step(int step) {
        int dice = random.nextInt(100);
        if (dice < 2 && pipelines.size() < 4) {
            createPipeline();
            return null;
        }
        if (dice < 14 || deals.isEmpty()) {
            return createDeal();
        }
        List<String> ids = new ArrayList<>(deals.keySet());
        String id = ids.get(random.nextInt(ids.size()));
        Deal deal = deals.get(id);
        if (deal.deleted) {
            command(deal, id, "POST", "/restore", "{}", true);
            deal.deleted = false;
            return id;
        }
        switch (random.nextInt(10)) {
            case 0, 1 -> {
                String pipeline = random.nextInt(5) == 0 ? pick(new ArrayList<>(pipelines.keySet())) : deal.pipeline;
                String stage = pick(pipelines.get(pipeline));
                boolean changes = !stage.equals(deal.stage);
                command(deal, id, "POST", "/move-stage", "{\"stageId\":\"" + stage + "\""
                        + (pipeline.equals(deal.pipeline) ? "" : ",\"pipelineId\":\"" + pipeline + "\"") + "}", changes);
                deal.pipeline = pipeline;
                deal.stage = stage;
            }
            case 2 -> status(deal, id, "/mark-won", "{}", "won");
            case 3 -> status(deal, id, "/mark-lost", "{\"lostReason\":\"price\"}", "lost");
            case 4 -> status(deal, id, "/mark-abandoned", "{}", "abandoned");
            case 5 -> status(deal, id, "/reopen", "{}", "open");
            case 6 -> {
                BigDecimal value = money();
                command(deal, id, "PATCH", "", "{\"monetaryValue\":" + value.toPlainString() + "}",
                        value.compareTo(deal.value) != 0);
                deal.value = value;
            }
            case 7 -> {
                String name = "Deal " + step;
                command(deal, id, "PATCH", "", "{\"name\":\"" + name + "\"}", true);
                deal.name = name;
            }
            default -> {
                command(deal, id, "DELETE", "", null, true);
                deal.deleted = true;
            }
        }
        return id;
    }

    private void status(Deal deal, String id, String command, String body, String status) {
        command(deal, id, "POST", command, body, !status.equals(deal.status));
        deal.status = status;
    }

    private void command(Deal deal, String id, String method, String tail, String body, boolean changes) {
        log.add(method + " " + id.substring(0, 8) + tail + " " + (body == null ? "" : body));
        JsonNode answer = answer(call(method, at("/opportunities/" + id + tail), body), 200);
        if (changes) {
            deal.version++;
        }
        assertThat(answer.get("version").asLong()).as(log.get(log.size() - 1) + ": version").isEqualTo(deal.version);
    }

    private String createDeal() {
        Deal deal = new Deal();
        deal.pipeline = pick(new ArrayList<>(pipelines.keySet()));
        deal.stage = pick(pipelines.get(deal.pipeline));
        deal.value = money();
        deal.name = "Deal " + deals.size();
        log.add("create " + deal.name + " in " + deal.stage.substring(0, 8) + " worth " + deal.value);
        JsonNode created = answer(call("POST", at("/opportunities"), "{\"name\":\"" + deal.name + "\",\"pipelineId\":\""
                + deal.pipeline + "\",\"stageId\":\"" + deal.stage + "\",\"monetaryValue\":"
                + deal.value.toPlainString() + "}"), 201);
        assertThat(created.get("version").asLong()).isEqualTo(1);
        String id = created.get("id").asText();
        deals.put(id, deal);
        return id;
    }

    private void createPipeline() {
        int stages = 1 + random.nextInt(4);
        StringBuilder body = new StringBuilder("{\"name\":\"P" + pipelines.size() + "\",\"stages\":[");
        for (int i = 0; i < stages; i++) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"S").append(i).append("\",\"winProbability\":")
                    .append(random.nextInt(101)).append('}');
        }
        JsonNode created = answer(call("POST", at("/pipelines"), body.append("]}").toString()), 201);
        List<String> ids = new ArrayList<>();
        created.get("stages").forEach(stage -> ids.add(stage.get("id").asText()));
        pipelines.put(created.get("id").asText(), ids);
        log.add("create pipeline with " + stages + " stages");
    }

    private void assertDealMatches(String id, String context) {
        Deal deal = deals.get(id);
        HttpResponse<String> response = call("GET", at("/opportunities/" + id), null, "Consistency-Token", token);
        if (deal.deleted) {
            assertThat(response.statusCode()).as(context + "\n deleted deal " + id + ": " + response.body())
                    .isEqualTo(404);
            return;
        }
        JsonNode view = answer(response, 200);
        String what = context + "\n deal " + id + ": " + response.body();
        assertThat(view.get("name").asText()).as(what).isEqualTo(deal.name);
        assertThat(view.get("pipelineId").asText()).as(what).isEqualTo(deal.pipeline);
        assertThat(view.get("stageId").asText()).as(what).isEqualTo(deal.stage);
        assertThat(view.get("status").asText()).as(what).isEqualTo(deal.status);
        assertThat(view.get("monetaryValue").decimalValue()).as(what).isEqualByComparingTo(deal.value);
        assertThat(view.get("version").asLong()).as(what).isEqualTo(deal.version);
        assertThat(response.headers().firstValue("ETag")).as(what).contains("\"" + deal.version + "\"");
    }

    private void assertBoardsAndSearchMatch(String context) {
        for (Map.Entry<String, List<String>> pipeline : pipelines.entrySet()) {
            JsonNode board = answer(call("GET", at("/pipelines/" + pipeline.getKey() + "/board?limit=1"), null,
                    "Consistency-Token", token), 200);
            List<String> columns = new ArrayList<>();
            for (JsonNode column : board.get("stages")) {
                String stage = column.get("id").asText();
                columns.add(stage);
                List<Deal> open = deals.values().stream()
                        .filter(d -> !d.deleted && d.status.equals("open") && d.stage.equals(stage)).toList();
                BigDecimal total = open.stream().map(d -> d.value).reduce(BigDecimal.ZERO, BigDecimal::add);
                String what = context + "\n board column " + column;
                assertThat(column.get("count").asLong()).as(what).isEqualTo(open.size());
                assertThat(column.get("totalValue").decimalValue()).as(what).isEqualByComparingTo(total);
            }
            assertThat(columns).as(context).isEqualTo(pipeline.getValue());
            long openInPipeline = deals.values().stream()
                    .filter(d -> !d.deleted && d.status.equals("open") && d.pipeline.equals(pipeline.getKey())).count();
            assertThat(total("?pipelineId=" + pipeline.getKey())).as(context + "\n open in pipeline")
                    .isEqualTo(openInPipeline);
        }
        for (String status : List.of("open", "won", "lost", "abandoned")) {
            long expected = deals.values().stream().filter(d -> !d.deleted && d.status.equals(status)).count();
            assertThat(total("?status=" + status)).as(context + "\n search total of " + status).isEqualTo(expected);
        }
        assertThat(total("?status=all")).as(context + "\n search total of all")
                .isEqualTo(deals.values().stream().filter(d -> !d.deleted).count());
    }

    private long total(String query) {
        return answer(call("GET", at("/opportunities" + query + "&limit=1"), null, "Consistency-Token", token), 200)
                .get("total").asLong();
    }

    private JsonNode answer(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body.has("consistencyToken")) {
                token = body.get("consistencyToken").asText();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BigDecimal money() {
        return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}
