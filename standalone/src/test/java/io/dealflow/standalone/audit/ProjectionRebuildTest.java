package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds every projection, one after the other, while another location keeps receiving commands, and compares the
 * answers of every query endpoint before and after: same rows, same order, same totals. Small replay batches make
 * each rebuild take several transactions and switch while the writer is busy.
 */
@TestPropertySource(properties = {"dealflow.rebuild.batch-size=20", "dealflow.rebuild.switch-distance=10"})
class ProjectionRebuildTest extends AuditApiTest {

    private final Random random = new Random(20261125);
    private final List<String> deals = new ArrayList<>();
    private final List<String> stages = new ArrayList<>();
    private String pipelineId;

    @Test
    void everyEndpointAnswersTheSameAfterEveryRebuildWhileWritesContinue() throws Exception {
        seed();
        Map<String, String> before = answers(token);

        String busy = "busy-" + location;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicReference<String> writerToken = new AtomicReference<>("0");
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> keepWriting(busy, writing, writerToken, writerFailure), "writer");
        writer.start();

        JsonNode projections = read("/api/v1/admin/projections");
        List<String> names = new ArrayList<>();
        projections.forEach(projection -> names.add(projection.get("name").asText()));
        assertThat(names).contains("pipelines", "board", "opportunities", "lost-reasons", "history");
        for (String name : names) {
            HttpResponse<String> started = call("POST", "/api/v1/admin/projections/" + name + "/rebuild", null);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            await().atMost(Duration.ofMinutes(2)).until(() -> rebuildOf(name).get("state").asText(),
                    state -> !state.equals("running"));
            assertThat(rebuildOf(name).get("state").asText()).as(rebuildOf(name).toString()).isEqualTo("done");
            // The live processor carries on writing on the new tables.
            command("POST", at("/opportunities/" + deals.get(0) + "/notes"), "{\"body\": \"after " + name + "\"}");
        }
        writing.set(false);
        writer.join();
        assertThat(writerFailure.get()).isNull();

        Map<String, String> after = answers(writerToken.get());
        after.keySet().removeIf(key -> key.startsWith("detail " + deals.get(0)) || key.startsWith("history "
                + deals.get(0)) || key.startsWith("audit") || key.startsWith("search"));
        Map<String, String> expected = new LinkedHashMap<>(before);
        expected.keySet().retainAll(after.keySet());
        assertThat(after).isEqualTo(expected);
        assertThat(read(at("/opportunities/" + deals.get(0) + "/history")).get("items").size())
                .isEqualTo(parse(before.get("history " + deals.get(0))).get("items").size() + names.size());

        String busyPipeline = read("/api/v1/locations/" + busy + "/pipelines").get("items").get(0).get("id")
                .asText();
        String busyBoard = "/api/v1/locations/" + busy + "/pipelines/" + busyPipeline + "/board?limit=500";
        assertThat(read(busyBoard + "&asOf=" + between()))
                .as("the rebuilt board equals the board kept by the (also rebuilt) history projection")
                .isEqualTo(read(busyBoard));
    }

    private void seed() {
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Main", "stages": [{"name": "New", "winProbability": 10},
                 {"name": "Talk", "winProbability": 30}, {"name": "Offer", "winProbability": 60},
                 {"name": "Sign", "winProbability": 90}]}""");
        pipelineId = pipeline.get("id").asText();
        pipeline.get("stages").forEach(stage -> stages.add(stage.get("id").asText()));
        String reason = command("POST", at("/lost-reasons"), "{\"name\": \"Budget\"}").get("id").asText();
        for (int i = 0; i < 25; i++) {
            deals.add(command("POST", at("/opportunities"), """
                    {"name": "Deal %d", "pipelineId": "%s", "stageId": "%s", "monetaryValue": %d.%02d,
                     "currency": "%s", "assignedTo": "owner%d", "tags": ["t%d"], "source": "web"}"""
                    .formatted(i, pipelineId, stages.get(i % 4), 100 + i * 37, i, i % 5 == 0 ? "EUR" : "USD", i % 3,
                            i % 2)).get("id").asText());
        }
        for (int step = 0; step < 60; step++) {
            String deal = deals.get(random.nextInt(deals.size()));
            String path = at("/opportunities/" + deal);
            switch (random.nextInt(6)) {
                case 0, 1 -> command("POST", path + "/move-stage",
                        "{\"stageId\": \"" + stages.get(random.nextInt(4)) + "\"}");
                case 2 -> command("POST", path + "/mark-won", "{}");
                case 3 -> command("POST", path + "/mark-lost", "{\"lostReasonId\": \"" + reason + "\"}");
                case 4 -> command("PATCH", path, "{\"monetaryValue\": " + random.nextInt(5000) + "}");
                default -> command("POST", path + "/reopen", "{}");
            }
        }
        // Tasks: open, completed, one without a due date any more, one deleted; the boards show their figures.
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tasks.add(command("POST", at("/opportunities/" + deals.get(i) + "/tasks"), """
                    {"title": "Task %d", "dueAt": "2030-01-%02dT09:00:00Z"}""".formatted(i, 10 + i))
                    .get("taskId").asText());
        }
        command("POST", at("/opportunities/" + deals.get(1) + "/tasks/" + tasks.get(1) + "/complete"), "{}");
        command("PATCH", at("/opportunities/" + deals.get(2) + "/tasks/" + tasks.get(2)), "{\"dueAt\": null}");
        command("DELETE", at("/opportunities/" + deals.get(5) + "/tasks/" + tasks.get(5)), null);
        command("POST", at("/opportunities/" + deals.get(0) + "/tasks"), "{\"title\": \"Later\"}");
        command("DELETE", at("/opportunities/" + deals.get(3)), null);
        command("PATCH", at("/pipelines/" + pipelineId + "/stages/" + stages.get(1)), "{\"name\": \"Talking\"}");
        command("PATCH", at("/pipelines/" + pipelineId + "/stages/" + stages.get(2)), "{\"winProbability\": 55}");
    }

    /** Every query answer of this location, by endpoint, as text. */
    private Map<String, String> answers(String consistencyToken) {
        String saved = token;
        token = consistencyToken;
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("pipelines", read(at("/pipelines")).toString());
        answers.put("pipeline", read(at("/pipelines/" + pipelineId)).toString());
        String board = at("/pipelines/" + pipelineId + "/board");
        answers.put("board", read(board + "?limit=500").toString());
        answers.put("board page", read(board + "?limit=2").toString());
        answers.put("board owner", read(board + "?assignedTo=owner1").toString());
        answers.put("board tag", read(board + "?tag=t0&source=web").toString());
        answers.put("board as of", read(board + "?asOf=2100-01-01").toString());
        answers.put("lost reasons", read(at("/lost-reasons")).toString());
        for (String sort : List.of("createdAt", "-monetaryValue", "name", "lastStageChangeAt", "-updatedAt")) {
            answers.put("search " + sort, read(at("/opportunities?status=all&limit=500&sort=" + sort)).toString());
        }
        answers.put("search open", read(at("/opportunities?pipelineId=" + pipelineId + "&q=deal")).toString());
        for (String deal : deals) {
            HttpResponse<String> detail = call("GET", at("/opportunities/" + deal), null, "Consistency-Token", token);
            answers.put("detail " + deal, detail.statusCode() + " " + detail.body());
            answers.put("history " + deal, read(at("/opportunities/" + deal + "/history")).toString());
        }
        answers.put("audit", read(at("/audit/events?limit=1000")).toString());
        token = saved;
        return answers;
    }

    private JsonNode rebuildOf(String name) {
        for (JsonNode projection : read("/api/v1/admin/projections")) {
            if (projection.get("name").asText().equals(name)) {
                return projection.get("rebuild");
            }
        }
        throw new AssertionError("no projection " + name);
    }

    private void keepWriting(String busy, AtomicBoolean writing, AtomicReference<String> lastToken,
                             AtomicReference<Throwable> failure) {
        try {
            String base = "/api/v1/locations/" + busy;
            JsonNode pipeline = parse(send(OPERATOR_KEY, "POST", base + "/pipelines", """
                    {"name": "Busy", "stages": [{"name": "A", "winProbability": 20},
                     {"name": "B", "winProbability": 70}]}""").body());
            String id = pipeline.get("id").asText();
            List<String> busyStages = List.of(pipeline.get("stages").get(0).get("id").asText(),
                    pipeline.get("stages").get(1).get("id").asText());
            List<String> busyDeals = new ArrayList<>();
            Random writes = new Random(7);
            int step = 0;
            while (writing.get() || step < 20) {
                HttpResponse<String> response;
                if (busyDeals.size() < 10 || writes.nextInt(4) == 0) {
                    response = send(OPERATOR_KEY, "POST", base + "/opportunities", """
                            {"name": "Busy %d", "pipelineId": "%s", "monetaryValue": %d}"""
                            .formatted(step, id, writes.nextInt(1000)));
                    busyDeals.add(parse(response.body()).get("id").asText());
                } else if (writes.nextInt(3) == 0) {
                    String deal = busyDeals.get(writes.nextInt(busyDeals.size()));
                    response = send(OPERATOR_KEY, "POST", base + "/opportunities/" + deal + "/tasks", """
                            {"title": "Busy task %d", "dueAt": "2030-02-%02dT09:00:00Z"}"""
                            .formatted(step, 1 + writes.nextInt(28)));
                } else {
                    String deal = busyDeals.get(writes.nextInt(busyDeals.size()));
                    response = send(OPERATOR_KEY, "POST", base + "/opportunities/" + deal + "/move-stage",
                            "{\"stageId\": \"" + busyStages.get(writes.nextInt(2)) + "\"}");
                }
                assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
                lastToken.set(response.headers().firstValue("Consistency-Token").orElseThrow());
                step++;
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }
}
