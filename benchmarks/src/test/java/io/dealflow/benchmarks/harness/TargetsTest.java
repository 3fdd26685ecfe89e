package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

    @Test
    void comparesEachTargetedFigureWithItsTarget() {
        ObjectNode commands = Figures.scenario("commands").put("commands_per_s", 3200.0).put("ratio_to_raw", 0.4);
        ObjectNode queries = Figures.scenario("queries").put("opportunities", 1_000_000);
        queries.putObject("endpoints").putObject("board").put("p99_ms", 8.0);
        ((ObjectNode) queries.get("endpoints")).putObject("report_forecast").put("p99_ms", 12.0);

        ArrayNode rows = Targets.compare(List.of(commands, queries));

        assertThat(row(rows, "commands_per_s").path("met").asBoolean()).isTrue();
        assertThat(row(rows, "ratio_to_raw").path("met").asBoolean()).isFalse();
        assertThat(row(rows, "board p99 at 1M (ms)").path("target").asText()).isEqualTo("<= 10");
        assertThat(row(rows, "board p99 at 1M (ms)").path("met").asBoolean()).isTrue();
        assertThat(row(rows, "report_forecast p99 at 1M (ms)").path("met").asBoolean()).isFalse();
    }

    @Test
    void holdsTheBoardToFiveMillisecondsBelowAMillion() {
        ObjectNode queries = Figures.scenario("queries").put("opportunities", 100_000);
        queries.putObject("endpoints").putObject("board").put("p99_ms", 8.0);

        JsonNode board = row(Targets.compare(List.of(queries)), "board p99 at 100k (ms)");

        assertThat(board.path("target").asText()).isEqualTo("<= 5");
        assertThat(board.path("met").asBoolean()).isFalse();
    }

    @Test
    void printsOneLinePerFigure() {
        ArrayNode rows = Targets.compare(List.of(Figures.scenario("resources").put("startup_s", 4.2)
                .put("rss_mb_under_load", 500.0)));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Targets.print(rows, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsPattern("startup_s +4\\.20 +<= 6 +yes")
                .containsPattern("rss_mb under load +500 +<= 450 +NO");
    }

    private static JsonNode row(ArrayNode rows, String figure) {
        for (JsonNode row : rows) {
            if (figure.equals(row.path("figure").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + figure + " in " + rows);
    }
}
