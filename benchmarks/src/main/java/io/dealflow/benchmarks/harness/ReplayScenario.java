package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scenario {@code replay}: rebuilds the board projection, and every report projection the server lists, from the
 * whole event store through {@code POST /api/v1/admin/projections/{name}/rebuild}, and times each until
 * {@code GET /api/v1/admin/projections} shows it caught up again. Skipped, with a note, where those endpoints are
 * missing.
 */
final class ReplayScenario {

    private static final String PROJECTIONS = "/api/v1/admin/projections";
    /** Projections that are not the board or a report: search and detail, pipelines, lost reasons. */
    private static final Set<String> NOT_REPORTS = Set.of("board", "pipelines", "opportunities", "lost-reasons");
    private static final Duration LIMIT = Duration.ofMinutes(20);

    private final Api api;
    private final Consumer<ObjectNode> report;

    ReplayScenario(Api api, Consumer<ObjectNode> report) {
        this.api = api;
        this.report = report;
    }

    void run(long eventsInStore) throws InterruptedException {
        ObjectNode figures = Figures.scenario("replay").put("events_in_store", eventsInStore);
        Api.Answer listing = api.get(PROJECTIONS);
        List<String> names = new ArrayList<>(List.of("board"));
        if (listing.status() == 200) {
            listing.json().forEach(projection -> {
                String name = projection.path("name").asText();
                if (!NOT_REPORTS.contains(name)) {
                    names.add(name);
                }
            });
        }
        for (String name : names) {
            ObjectNode one = figures.putObject(name);
            Api.Answer started = api.post(PROJECTIONS + "/" + name + "/rebuild", "{}");
            long began = System.nanoTime();
            if (started.status() != 202) {
                one.put("skipped", "POST " + PROJECTIONS + "/" + name + "/rebuild answered " + started.status()
                        + (started.status() == 404 ? ": endpoint not present" : ""));
                continue;
            }
            boolean sawReplay = awaitRebuilt(name, began);
            double seconds = (System.nanoTime() - began) / 1e9;
            one.put("seconds", Figures.round(seconds, 1))
                    .put("replay_events_per_s", Figures.round(eventsInStore / seconds, 0));
            if (!sawReplay) {
                one.put("note", "the listing never showed the projection replaying");
            }
        }
        report.accept(figures);
    }

    /** Polls the listing until the projection replayed and caught up; false when it was never seen replaying. */
    private boolean awaitRebuilt(String name, long began) throws InterruptedException {
        boolean sawReplay = false;
        while (System.nanoTime() - began < LIMIT.toNanos()) {
            JsonNode projection;
            try {
                projection = find(api.get(PROJECTIONS).expectOk("listing projections").json(), name);
            } catch (UncheckedIOException e) {
                if (!Api.timedOut(e)) {
                    throw e;
                }
                continue; // busy replaying; the limit decides
            }
            boolean replaying = projection.path("replaying").asBoolean(false);
            sawReplay |= replaying;
            boolean caughtUp = projection.path("lag").asLong(1) == 0;
            boolean waitedForStart = sawReplay || System.nanoTime() - began > TimeUnit.SECONDS.toNanos(10);
            if (!replaying && caughtUp && waitedForStart) {
                return sawReplay;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("projection " + name + " was not rebuilt within " + LIMIT);
    }

    private static JsonNode find(JsonNode listing, String name) {
        for (JsonNode projection : listing) {
            if (name.equals(projection.path("name").asText())) {
                return projection;
            }
        }
        throw new IllegalStateException("projection " + name + " is not listed: " + listing);
    }
}
