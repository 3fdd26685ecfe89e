package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Scenario {@code tasks}: the location-wide task list ({@code GET /tasks}, issue 20) at 100,000 tasks, p50/p99 with N
 * closed-loop clients. 20,000 deals with five tasks each (50 assignees, due dates over a year, a quarter of them
 * completed) are appended straight to the event store; the figures are taken once the workspace projection has caught
 * up and PostgreSQL has analysed the rows. Each endpoint is measured saturated (closed loop), then at half that rate
 * (open loop; the p99 target's round). Each request is one of: a random assignee's open tasks, the same due before
 * a random date, every open task of the location, and the second page of an assignee's open tasks (by cursor).
 */
final class TasksScenario {

    private static final String LOCATION = "bench-tasks";
    private static final int DEALS = 20_000;
    private static final int TASKS_PER_DEAL = 5;
    private static final int ASSIGNEES = 50;
    private static final int BATCH = 5_000;
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(20);

    private final BenchOptions options;
    private final Api api;
    private final ServerDatabase database;
    private final Consumer<ObjectNode> report;
    private final String base = "/api/v1/locations/" + LOCATION;

    TasksScenario(BenchOptions options, Api api, ServerDatabase database, Consumer<ObjectNode> report) {
        this.options = options;
        this.api = api;
        this.database = database;
        this.report = report;
    }

    void run() throws Exception {
        CommandMix.Pipeline pipeline = CommandMix.withPipelines(api, LOCATION, 1).pipelines().get(0);
        long began = System.nanoTime();
        long appended = load(pipeline);
        double appendSeconds = (System.nanoTime() - began) / 1e9;
        String head = Long.toString(
                database.scalar("SELECT max(global_index) FROM event_store.domain_event_entry"));
        awaitAnswered(base + "/tasks?limit=1", head);
        double caughtUpSeconds = (System.nanoTime() - began) / 1e9;
        // The load leaves a backlog (autovacuum of 145k new rows, dirty pages) that would otherwise run during the
        // first endpoint's rounds; a server that took its tasks one by one would have settled long ago.
        database.execute("VACUUM ANALYZE");
        database.execute("CHECKPOINT");

        ObjectNode figures = Figures.scenario("tasks");
        figures.put("tasks", database.scalar("SELECT count(*) FROM read_model.opportunity_task WHERE location_id = '"
                        + LOCATION + "'")).put("clients", options.queryClients())
                .put("load", "bulk append to the event store (" + appended + " events in "
                        + Figures.round(appendSeconds, 1) + " s), projections catch up")
                .put("catch_up_events_per_s", Figures.round(appended / caughtUpSeconds, 0));
        ObjectNode endpoints = figures.putObject("endpoints");
        Instant now = Instant.now();
        Map<String, Function<Random, String>> queries = new HashMap<>(Map.of(
                "tasks_of_assignee", random -> base + "/tasks?assignedTo=user-" + random.nextInt(ASSIGNEES),
                "tasks_of_assignee_due_before", random -> base + "/tasks?assignedTo=user-" + random.nextInt(ASSIGNEES)
                        + "&dueBefore=" + now.plus(Duration.ofDays(random.nextInt(365))),
                "tasks_of_location", random -> base + "/tasks?status=open"));
        List<String> secondPages = secondPages();
        queries.put("tasks_second_page", random -> secondPages.get(random.nextInt(secondPages.size())));
        // Not recorded: every endpoint's code compiled and its pages cached before the first is measured.
        List<Function<Random, String>> all = List.copyOf(queries.values());
        LoadDriver.closedLoop(options.queryClients(), Duration.ZERO, options.warmUp(),
                client -> request(random -> all.get(random.nextInt(all.size())).apply(random), new Random(client)));
        for (String name : List.of("tasks_of_assignee", "tasks_of_assignee_due_before", "tasks_of_location",
                "tasks_second_page")) {
            measure(endpoints, name, queries.get(name));
        }
        report.accept(figures);
    }

    /**
     * Two rounds: the closed loop saturates the server (its rate is the endpoint's throughput on this machine, its
     * latencies mostly queueing behind the other clients), then requests due at half that rate measure the latency of
     * a request on a busy but not saturated server, counted from when each was due. The target applies to the second,
     * as the projection-lag target does to the commands' half-rate round.
     */
    private void measure(ObjectNode endpoints, String name, Function<Random, String> path) throws Exception {
        LoadDriver.Result saturated = LoadDriver.closedLoop(options.queryClients(), options.shortWarmUp(),
                options.queryDuration(), client -> request(path, new Random(client)));
        int rate = Math.max(1, (int) Math.round(saturated.perSecond() / 2));
        LoadDriver.Result halfRate = LoadDriver.openLoop(rate, options.queryClients(), options.shortWarmUp(),
                options.queryDuration(), worker -> request(path, new Random(1000 + worker)));
        ObjectNode endpoint = Figures.load(Api.JSON.createObjectNode(), "", halfRate);
        endpoint.put("rate_per_s", rate);
        endpoint.set("closed_loop", Figures.load(Api.JSON.createObjectNode(), "", saturated));
        endpoints.set(name, endpoint);
    }

    private LoadDriver.Operation request(Function<Random, String> path, Random random) {
        return () -> api.get(path.apply(random)).status() == 200;
    }

    /** The second page of each assignee's open tasks, by the cursor its first page gave. */
    private List<String> secondPages() throws Exception {
        List<String> pages = new ArrayList<>();
        for (int user = 0; user < ASSIGNEES; user++) {
            String first = base + "/tasks?assignedTo=user-" + user;
            String cursor = Api.JSON.readTree(api.get(first).body()).path("nextCursor").asText(null);
            if (cursor != null) {
                pages.add(first + "&cursor=" + cursor);
            }
        }
        return pages;
    }

    private long load(CommandMix.Pipeline pipeline) throws SQLException {
        Random random = new Random(20);
        Instant origin = Instant.now();
        long events = 0;
        try (EventAppender appender = new EventAppender(database)) {
            for (int deal = 0; deal < DEALS; deal++) {
                String id = new UUID(0x7a5c0000L, deal).toString();
                List<Object> payloads = new ArrayList<>();
                payloads.add(new OpportunityCreated(id, LOCATION, "Deal " + deal, pipeline.id(),
                        pipeline.stageIds().get(0), BigDecimal.TEN, "USD", null, null, null, List.of(), List.of(),
                        Map.of()));
                for (int task = 0; task < TASKS_PER_DEAL; task++) {
                    String taskId = "task-" + task;
                    Instant due = random.nextInt(10) == 0 ? null
                            : origin.plus(Duration.ofMinutes(random.nextInt(365 * 24 * 60)));
                    payloads.add(new OpportunityTaskAdded(id, LOCATION, taskId, "Follow up " + task, due,
                            "user-" + random.nextInt(ASSIGNEES)));
                    if (random.nextInt(4) == 0) {
                        payloads.add(new OpportunityTaskCompleted(id, LOCATION, taskId));
                    }
                }
                for (int sequence = 0; sequence < payloads.size(); sequence++) {
                    appender.append(id, sequence, Instant.now(), payloads.get(sequence));
                    events++;
                }
            }
        }
        return events;
    }

    private void awaitAnswered(String path, String token) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (api.get(path, token).status() != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the workspace projection did not catch up within " + CATCH_UP_LIMIT);
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
