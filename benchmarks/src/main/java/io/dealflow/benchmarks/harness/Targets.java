package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The targets beside the figures of a run: one row per figure, as JSON and as a short table. */
final class Targets {

    private Targets() {
    }

    /** Rows {@code {figure, measured, target, met}} for every targeted figure the run measured. */
    static ArrayNode compare(List<ObjectNode> scenarios) {
        ArrayNode rows = Api.JSON.createArrayNode();
        for (ObjectNode scenario : scenarios) {
            switch (scenario.path("scenario").asText()) {
                case "commands" -> {
                    atLeast(rows, "commands_per_s", scenario.path("commands_per_s"), 3000);
                    atLeast(rows, "ratio_to_raw", scenario.path("ratio_to_raw"), 0.6);
                }
                case "projection_lag" -> {
                    atMost(rows, "projection lag p99 board (ms)", scenario.path("board_p99_ms"), 250);
                    atMost(rows, "projection lag p99 search (ms)", scenario.path("search_p99_ms"), 250);
                }
                case "projection_lag_open_loop" -> {
                    atMost(rows, "lag p99 board, half rate (ms)", scenario.path("board_p99_ms"), 250);
                    atMost(rows, "lag p99 search, half rate (ms)", scenario.path("search_p99_ms"), 250);
                }
                case "queries" -> queries(rows, scenario);
                case "tasks" -> scenario.path("endpoints").fields().forEachRemaining(endpoint ->
                        atMost(rows, endpoint.getKey() + " p99 at " + scenario.path("tasks").asLong() / 1000
                                        + "k, half rate (ms)",
                                endpoint.getValue().path("p99_ms"), 10));
                case "replay" -> scenario.fields().forEachRemaining(field -> {
                    if (field.getValue().has("replay_events_per_s")) {
                        atLeast(rows, "replay " + field.getKey() + " (events/s)",
                                field.getValue().path("replay_events_per_s"), 25_000);
                    }
                });
                case "resources" -> {
                    atMost(rows, "startup_s", scenario.path("startup_s"), 6);
                    atMost(rows, "rss_mb under load", scenario.path("rss_mb_under_load"), 450);
                }
                default -> {
                }
            }
        }
        return rows;
    }

    private static void queries(ArrayNode rows, ObjectNode scenario) {
        int size = scenario.path("opportunities").asInt();
        boolean million = size >= 1_000_000;
        String at = million ? size / 1_000_000 + "M" : size >= 1000 ? size / 1000 + "k" : Integer.toString(size);
        JsonNode endpoints = scenario.path("endpoints");
        Map<String, Double> limits = Map.of("board", million ? 10.0 : 5.0, "search_q", 25.0, "detail", 3.0);
        endpoints.fields().forEachRemaining(endpoint -> {
            double limit = endpoint.getKey().startsWith("report_") ? 10.0
                    : limits.getOrDefault(endpoint.getKey(), Double.NaN);
            if (!Double.isNaN(limit)) {
                atMost(rows, endpoint.getKey() + " p99 at " + at + " (ms)", endpoint.getValue().path("p99_ms"), limit);
            }
        });
    }

    private static void atLeast(ArrayNode rows, String figure, JsonNode measured, double target) {
        row(rows, figure, measured, ">= " + format(target), measured.asDouble() >= target);
    }

    private static void atMost(ArrayNode rows, String figure, JsonNode measured, double target) {
        row(rows, figure, measured, "<= " + format(target), measured.asDouble() <= target);
    }

    private static void row(ArrayNode rows, String figure, JsonNode measured, String target, boolean met) {
        if (measured.isMissingNode() || !measured.isNumber()) {
            return;
        }
        rows.addObject().put("figure", figure).set("measured", measured);
        ((ObjectNode) rows.get(rows.size() - 1)).put("target", target).put("met", met);
    }

    /** Prints the rows as a table a person reads at a glance. */
    static void print(ArrayNode rows, PrintStream out) {
        out.printf("%n%-38s %12s %10s  %s%n", "figure", "measured", "target", "met");
        for (JsonNode row : rows) {
            out.printf("%-38s %12s %10s  %s%n", row.path("figure").asText(), format(row.path("measured").asDouble()),
                    row.path("target").asText(), row.path("met").asBoolean() ? "yes" : "NO");
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? Long.toString((long) value)
                : String.format("%.2f", value);
    }
}
