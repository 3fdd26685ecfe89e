package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Scenario {@code bulk}: rows/s of a 100,000-row CSV import, deals/s of a bulk move of 10,000 deals, each against the
 * rate of the same commands sent one at a time by one client in the same run, and the latency of single commands
 * (two clients) while a 10,000-deal operation runs, against the same without it.
 */
final class BulkScenario {

    private static final String LOCATION = "/api/v1/locations/bench-bulk";
    private static final int IMPORT_ROWS = 100_000;
    private static final int BULK_DEALS = 10_000;
    private static final int SINGLE_CLIENTS = 2;

    private final BenchOptions options;
    private final Api api;
    private final String baseUrl;
    private final String key;
    private final Consumer<ObjectNode> report;

    BulkScenario(BenchOptions options, Api api, String baseUrl, String key, Consumer<ObjectNode> report) {
        this.options = options;
        this.api = api;
        this.baseUrl = baseUrl;
        this.key = key;
        this.report = report;
    }

    void run() throws Exception {
        JsonNode pipeline = api.post(LOCATION + "/pipelines", Map.of("name", "Bulk", "stages", List.of(
                Map.of("name", "Lead", "winProbability", 10), Map.of("name", "Demo", "winProbability", 40))))
                .expectOk("pipeline").json();
        String pipelineId = pipeline.get("id").asText();
        List<String> stages = List.of(pipeline.get("stages").get(0).get("id").asText(),
                pipeline.get("stages").get(1).get("id").asText());

        StringBuilder file = new StringBuilder("name,externalId,monetaryValue,tags\n");
        for (int i = 0; i < IMPORT_ROWS; i++) {
            file.append("Deal ").append(i).append(",ext-").append(i).append(',').append(i % 5000).append(",bench\n");
        }
        long importStart = System.nanoTime();
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + LOCATION + "/imports?pipelineId=" + pipelineId))
                .POST(HttpRequest.BodyPublishers.ofString(file.toString()))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + key)
                .timeout(Duration.ofMinutes(5)).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("import answered " + started.statusCode() + ": " + started.body());
        }
        String importId = Api.JSON.readTree(started.body()).get("id").asText();
        JsonNode imported = finished(LOCATION + "/imports/" + importId);
        double importSeconds = (System.nanoTime() - importStart) / 1e9;

        // The deals, oldest first, once the search has them all.
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(LOCATION + "/opportunities?pipelineId=" + pipelineId + "&sort=createdAt:asc"
                    + "&limit=500" + (cursor == null ? "" : "&cursor=" + cursor)).expectOk("search").json();
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null && ids.size() < 3 * BULK_DEALS + 200);

        List<String> singles = ids.subList(2 * BULK_DEALS, 2 * BULK_DEALS + 200);
        LoadDriver.Result oneClient = LoadDriver.closedLoop(1, options.shortWarmUp(), options.commandsDuration(),
                client -> mover(singles.subList(0, 100), stages));
        LoadDriver.Result quiet = LoadDriver.closedLoop(SINGLE_CLIENTS, options.shortWarmUp(),
                options.commandsDuration(), client -> mover(singles.subList(client * 100, client * 100 + 100), stages));

        long bulkStart = System.nanoTime();
        String first = startMove(ids.subList(0, BULK_DEALS), stages.get(1));
        JsonNode moved = finished(LOCATION + "/bulk-operations/" + first);
        double bulkSeconds = (System.nanoTime() - bulkStart) / 1e9;

        String second = startMove(ids.subList(BULK_DEALS, 2 * BULK_DEALS), stages.get(1));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try {
                finished(LOCATION + "/bulk-operations/" + second);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                running.set(false);
            }
        });
        watcher.start();
        LoadDriver.Result during = LoadDriver.closedLoop(SINGLE_CLIENTS, Duration.ZERO,
                options.commandsDuration(), client -> mover(singles.subList(client * 100, client * 100 + 100), stages));
        boolean overlapped = running.get();
        watcher.join();

        ObjectNode figures = Figures.scenario("bulk");
        figures.put("import_rows", IMPORT_ROWS).put("import_created", imported.get("created").asInt())
                .put("import_seconds", Figures.round(importSeconds, 1))
                .put("import_rows_per_s", Figures.round(IMPORT_ROWS / importSeconds, 0))
                .put("bulk_deals", BULK_DEALS).put("bulk_succeeded", moved.get("succeeded").asInt())
                .put("bulk_seconds", Figures.round(bulkSeconds, 1))
                .put("bulk_deals_per_s", Figures.round(BULK_DEALS / bulkSeconds, 0))
                .put("single_commands_one_client_per_s", Figures.round(oneClient.perSecond(), 0))
                .put("import_ratio_to_single", Figures.round(IMPORT_ROWS / importSeconds / oneClient.perSecond(), 2))
                .put("bulk_ratio_to_single", Figures.round(BULK_DEALS / bulkSeconds / oneClient.perSecond(), 2))
                .put("single_clients", SINGLE_CLIENTS)
                .put("bulk_still_running_when_measure_ended", overlapped);
        Figures.load(figures, "single_quiet_", quiet);
        Figures.load(figures, "single_during_bulk_", during);
        figures.put("note", "single commands: move-stage back and forth on deals of their own; the bulk moves"
                + " 10,000 other deals by ids; one client is the rate a client sending the same commands one at a"
                + " time gets");
        report.accept(figures);
    }

    private String startMove(List<String> ids, String stageId) {
        return api.post(LOCATION + "/bulk-operations", Map.of("action", "move-stage",
                "params", Map.of("stageId", stageId), "ids", ids)).expectOk("bulk").json().get("id").asText();
    }

    private LoadDriver.Operation mover(List<String> deals, List<String> stages) {
        int[] next = {0};
        return () -> {
            int i = next[0]++;
            String deal = deals.get(i % deals.size());
            String stage = stages.get((i / deals.size() + 1) % 2);
            return api.post(LOCATION + "/opportunities/" + deal + "/move-stage", Map.of("stageId", stage)).ok();
        };
    }

    private JsonNode finished(String path) throws InterruptedException {
        while (true) {
            JsonNode job = api.get(path).expectOk(path).json();
            if (!job.get("status").asText().equals("running")) {
                return job;
            }
            Thread.sleep(250);
        }
    }
}
