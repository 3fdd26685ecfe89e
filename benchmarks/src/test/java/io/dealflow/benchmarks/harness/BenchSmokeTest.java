package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the harness end to end with tiny sizes against the server jar that {@code ./mvnw verify} packaged before this
 * module (see the pom): the server starts as a process, every scenario reports, and the results file is written.
 */
class BenchSmokeTest {

    @TempDir
    Path results;

    @Test
    void measuresEveryScenarioAndWritesTheResults() throws Exception {
        Path jar = Path.of(System.getProperty("dealflow.bench.jar", "../standalone/target/dealflow-standalone.jar"));
        assertThat(jar).as("the standalone jar; package it first: ./mvnw -B -q package -DskipTests").isRegularFile();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        ObjectNode run = Bench.run(BenchOptions.parse("--smoke", "--jar", jar.toString(), "--results",
                results.toString(), "--open-loop", "20"), new PrintStream(printed, true, StandardCharsets.UTF_8));

        List<String> names = new ArrayList<>();
        run.path("scenarios").forEach(scenario -> names.add(scenario.path("scenario").asText()));
        assertThat(names).containsExactly("raw_commits", "commands", "projection_lag", "commands_open_loop",
                "projection_lag_open_loop", "queries", "replay", "resources");
        JsonNode commands = scenario(run, "commands");
        assertThat(commands.path("errors").asLong()).isZero();
        assertThat(commands.path("operations").asLong()).isPositive();
        assertThat(commands.path("ratio_to_raw").asDouble()).isPositive();
        assertThat(scenario(run, "raw_commits").path("raw_commits_per_s").asDouble()).isPositive();
        assertThat(scenario(run, "projection_lag").path("board_samples").asLong()).isPositive();
        assertThat(scenario(run, "commands_open_loop").path("errors").asLong()).isZero();
        assertThat(scenario(run, "projection_lag_open_loop").path("board_samples").asLong()).isPositive();
        JsonNode queries = scenario(run, "queries");
        assertThat(queries.path("opportunities").asInt()).isEqualTo(500);
        for (String endpoint : List.of("board", "search_q", "detail")) {
            assertThat(queries.path("endpoints").path(endpoint).path("errors").asLong()).as(endpoint).isZero();
            assertThat(queries.path("endpoints").path(endpoint).path("operations").asLong()).as(endpoint).isPositive();
        }
        JsonNode resources = scenario(run, "resources");
        assertThat(resources.path("startup_s").asDouble()).isPositive();
        assertThat(resources.path("rss_mb_under_load").asDouble()).isPositive();
        assertThat(run.path("machine").path("postgresql").asText()).contains("fsync=on", "synchronous_commit=on");
        assertThat(run.path("targets")).isNotEmpty();

        Path file = results.resolve(run.path("date").asText() + "-smoke.json");
        assertThat(Api.JSON.readTree(Files.readString(file))).hasToString(run.toString());
        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(output).contains("{\"scenario\":\"commands\"", "commands_per_s", "ratio_to_raw");
    }

    private static JsonNode scenario(JsonNode run, String name) {
        for (JsonNode scenario : run.path("scenarios")) {
            if (name.equals(scenario.path("scenario").asText())) {
                return scenario;
            }
        }
        throw new AssertionError("no scenario " + name + " in " + run);
    }
}
