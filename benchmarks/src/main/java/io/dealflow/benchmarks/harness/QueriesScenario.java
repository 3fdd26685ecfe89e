package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scenario {@code queries}: board, search by {@code q}, detail and each report, p50/p99 with N closed-loop clients, at
 * each size the run asks for. Deals are bulk-appended to the event store ({@link BulkLoader}); the figures are taken
 * once every projection has caught up and PostgreSQL has analysed the new rows (the steady state autovacuum keeps).
 */
final class QueriesScenario {

    private static final String LOCATION = "bench-queries";
    private static final int PIPELINES = 4;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(20);

    private final BenchOptions options;
    private final Api api;
    private final ServerDatabase database;
    private final Consumer<ObjectNode> report;
    private final String base = "/api/v1/locations/" + LOCATION;
    private String eventHead;

    QueriesScenario(BenchOptions options, Api api, ServerDatabase database, Consumer<ObjectNode> report) {
        this.options = options;
        this.api = api;
        this.database = database;
        this.report = report;
    }

    /** Loads and measures each size. */
    void run() throws Exception {
        List<CommandMix.Pipeline> pipelines = CommandMix.withPipelines(api, LOCATION, PIPELINES).pipelines();
        List<Integer> sizes = options.querySizes();
        BulkLoader loader = new BulkLoader(database, LOCATION, pipelines, sizes.get(sizes.size() - 1));
        for (int size : sizes) {
            long began = System.nanoTime();
            long appended = loader.loadUpTo(size);
            double appendSeconds = (System.nanoTime() - began) / 1e9;
            eventHead = Long.toString(
                    database.scalar("SELECT max(global_index) FROM event_store.domain_event_entry"));
            awaitCaughtUp(pipelines.get(0));
            double caughtUpSeconds = (System.nanoTime() - began) / 1e9;
            long analyseBegan = System.nanoTime();
            database.execute("VACUUM ANALYZE");
            double analyseSeconds = (System.nanoTime() - analyseBegan) / 1e9;

            ObjectNode figures = Figures.scenario("queries");
            figures.put("opportunities", size).put("events_in_store", database.scalar("SELECT count(*) FROM"
                            + " event_store.domain_event_entry")).put("clients", options.queryClients())
                    .put("load", "bulk append to the event store (" + appended + " events in "
                            + Figures.round(appendSeconds, 1) + " s), projections catch up")
                    .put("catch_up_events_per_s", Figures.round(appended / caughtUpSeconds, 0))
                    .put("vacuum_analyze_s", Figures.round(analyseSeconds, 1));
            ObjectNode endpoints = figures.putObject("endpoints");
            ObjectNode skipped = figures.putObject("skipped");
            for (Map.Entry<String, Function<Random, String>> query : queries(pipelines, loader.loaded()).entrySet()) {
                measure(query.getKey(), query.getValue(), endpoints, skipped);
            }
            report.accept(figures);
        }
    }

    private Map<String, Function<Random, String>> queries(List<CommandMix.Pipeline> pipelines, int loaded) {
        String range = "from=" + Instant.now().minus(Duration.ofDays(366)) + "&to=" + Instant.now();
        Function<Random, String> pipeline = random -> pipelines.get(random.nextInt(pipelines.size())).id();
        Map<String, Function<Random, String>> queries = new LinkedHashMap<>();
        queries.put("board", random -> base + "/pipelines/" + pipeline.apply(random) + "/board");
        queries.put("search_q", random -> base + "/opportunities?q=" + Words.pick(random));
        queries.put("detail", random -> base + "/opportunities/" + BulkLoader.opportunityId(random.nextInt(loaded)));
        queries.put("report_win_rate", random -> base + "/reports/win-rate?" + range + "&groupBy=owner");
        queries.put("report_conversion", random -> base + "/reports/conversion?" + range);
        queries.put("report_funnel", random -> base + "/reports/funnel?pipelineId=" + pipeline.apply(random)
                + "&" + range);
        queries.put("report_forecast", random -> base + "/reports/forecast?pipelineId=" + pipeline.apply(random));
        queries.put("report_stage_durations", random -> base + "/reports/stage-durations?pipelineId="
                + pipeline.apply(random) + "&" + range);
        queries.put("report_velocity", random -> base + "/reports/velocity?pipelineId=" + pipeline.apply(random)
                + "&" + range);
        return queries;
    }

    private void measure(String name, Function<Random, String> path, ObjectNode endpoints, ObjectNode skipped)
            throws InterruptedException {
        // The first request carries the token: a read model of its own may still be catching up.
        Api.Answer first = untilAnswered(() -> api.get(path.apply(new Random(0)), eventHead));
        if (first.status() != 200) {
            String body = first.body().length() > 160 ? first.body().substring(0, 160) : first.body();
            skipped.put(name, first.status() == 404 ? "answered 404: endpoint not present" :
                    "answered " + first.status() + ": " + body);
            return;
        }
        LoadDriver.Result result = LoadDriver.closedLoop(options.queryClients(), options.shortWarmUp(),
                options.queryDuration(), client -> {
                    Random random = new Random(client);
                    return () -> api.get(path.apply(random)).status() == 200;
                });
        endpoints.set(name, Figures.load(Api.JSON.createObjectNode(), "", result));
    }

    /** Waits until board, search and detail reflect every appended event. */
    private void awaitCaughtUp(CommandMix.Pipeline pipeline) throws InterruptedException {
        untilAnswered(() -> api.get(base + "/pipelines/" + pipeline.id() + "/board?limit=1", eventHead));
        untilAnswered(() -> api.get(base + "/opportunities?limit=1", eventHead));
    }

    /**
     * Repeats a query with a consistency token while it answers 503 (its read model is more than 5 s behind) or does
     * not answer in time.
     */
    private Api.Answer untilAnswered(Supplier<Api.Answer> query) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (true) {
            Api.Answer answer = null;
            try {
                answer = query.get();
            } catch (UncheckedIOException e) {
                // A server busy catching up may answer late; only the deadline decides that it never will.
                if (!Api.timedOut(e)) {
                    throw e;
                }
            }
            if (answer != null && answer.status() != 503) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("projections did not catch up within " + CATCH_UP_LIMIT);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }
}
