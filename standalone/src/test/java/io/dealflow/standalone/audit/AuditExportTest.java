package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.query.audit.verify.ExportVerifier;
import io.dealflow.standalone.StandaloneApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit feed (filters, cursor pages, commit order, bad parameters) and the hash-chained export: an export
 * verifies, and a flipped byte, a dropped line or two swapped lines make the verifier name the line.
 */
class AuditExportTest extends AuditApiTest {

    @TempDir
    Path directory;

    private String aliceId;
    private final List<String> deals = new ArrayList<>();

    @BeforeEach
    void script() {
        JsonNode alice = apiKey("alice-" + location, "opportunities.write", "pipelines.write");
        aliceId = alice.get("id").asText();
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Audit", "stages": [{"name": "One", "winProbability": 20},
                 {"name": "Two", "winProbability": 80}]}""");
        String pipelineId = pipeline.get("id").asText();
        String two = pipeline.get("stages").get(1).get("id").asText();
        for (String name : List.of("Alpha", "Beta \u00e9l\u00e8ve \u2603", "Gamma")) {
            deals.add(command("POST", at("/opportunities"), """
                    {"name": "%s", "pipelineId": "%s", "monetaryValue": 1234.50,
                     "customFields": {"score": 1.5e2, "note": "line\\nbreak \\"quoted\\""}}"""
                    .formatted(name, pipelineId)).get("id").asText());
        }
        commandAs(alice.get("key").asText(), "POST", at("/opportunities/" + deals.get(0) + "/move-stage"),
                "{\"stageId\": \"" + two + "\"}");
        command("POST", at("/opportunities/" + deals.get(1) + "/mark-lost"),
                "{\"lostReason\": \"prix \u00e9lev\u00e9\"}");
        command("PATCH", at("/opportunities/" + deals.get(2)), "{\"monetaryValue\": 99.99}");
        command("DELETE", at("/opportunities/" + deals.get(2)), null);
    }

    @Test
    void exportVerifiesAndTamperingNamesTheFirstBrokenLine() throws Exception {
        HttpResponse<byte[]> response = export("");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        byte[] export = response.body();
        List<byte[]> lines = lines(export);
        assertThat(lines).hasSize(8);
        JsonNode first = parse(new String(lines.get(0), StandardCharsets.UTF_8));
        assertThat(first.get("type").asText()).isEqualTo("PipelineCreated");
        assertThat(first.get("chainHash").asText()).hasSize(64);

        assertThat(ExportVerifier.verify(export).valid()).isTrue();
        assertThat(ExportVerifier.verify(export).lines()).isEqualTo(8);

        byte[] flipped = export.clone();
        int inLineThree = offsetOf(lines, 2) + lines.get(2).length / 2;
        flipped[inLineThree] ^= 0x01;
        assertBrokenAt(flipped, 3);
        assertBrokenAt(join(without(lines, 3)), 4);
        List<byte[]> swapped = new ArrayList<>(lines);
        swapped.set(1, lines.get(4));
        swapped.set(4, lines.get(1));
        assertBrokenAt(join(swapped), 2);

        byte[] lineTwo = lines.get(1);
        for (int i = 0; i < lineTwo.length; i++) {
            byte[] copy = export.clone();
            copy[offsetOf(lines, 1) + i] ^= 0x01;
            assertThat(ExportVerifier.verify(copy).brokenLine()).as("byte " + i + " of line 2 flipped").isEqualTo(2);
        }
    }

    @Test
    void verifyExportCommandExitsZeroWhenIntactAndNamesTheLineOtherwise() throws Exception {
        byte[] export = export("").body();
        Path intact = Files.write(directory.resolve("intact.ndjson"), export);
        List<byte[]> lines = lines(export);
        lines.set(6, new String(lines.get(6), StandardCharsets.UTF_8).replace("99.99", "9.99")
                .getBytes(StandardCharsets.UTF_8));
        Path altered = Files.write(directory.resolve("altered.ndjson"), join(lines));

        Process ok = verifyExport(intact);
        assertThat(ok.exitValue()).isZero();
        assertThat(new String(ok.getInputStream().readAllBytes())).contains("valid: 8 lines");
        Process broken = verifyExport(altered);
        assertThat(broken.exitValue()).isEqualTo(1);
        assertThat(new String(broken.getInputStream().readAllBytes())).contains("broken at line 7");
        assertThat(verifyExport(directory.resolve("missing.ndjson")).exitValue()).isEqualTo(2);
    }

    @Test
    void exportHonoursItsTimeRange() {
        JsonNode all = read(at("/audit/events")).get("items");
        Instant fourth = Instant.parse(all.get(3).get("occurredAt").asText());
        byte[] fromFourth = export("?from=" + fourth).body();
        assertThat(ExportVerifier.verify(fromFourth).valid()).isTrue();
        assertThat(lines(fromFourth)).allSatisfy(line -> assertThat(Instant.parse(
                parse(new String(line, StandardCharsets.UTF_8)).get("occurredAt").asText())).isAfterOrEqualTo(fourth));
        assertThat(export("?to=2000-01-01").body()).isEmpty();
    }

    @Test
    void feedListsTheLocationsEventsInCommitOrderWithFilters() {
        JsonNode all = read(at("/audit/events")).get("items");
        assertThat(all).hasSize(8);
        List<Long> indexes = new ArrayList<>();
        all.forEach(item -> indexes.add(item.get("globalIndex").asLong()));
        assertThat(indexes).isSorted().doesNotHaveDuplicates();
        assertThat(all.get(1).get("data").get("monetaryValue").decimalValue()).isEqualByComparingTo("1234.50");
        assertThat(all.get(1).get("correlationId").asText()).isNotBlank();

        assertThat(read(at("/audit/events?type=OpportunityCreated")).get("items")).hasSize(3);
        assertThat(read(at("/audit/events?aggregateId=" + deals.get(2))).get("items"))
                .extracting(item -> item.get("type").asText())
                .containsExactly("OpportunityCreated", "OpportunityValueChanged", "OpportunityDeleted");
        assertThat(read(at("/audit/events?actor=" + aliceId)).get("items"))
                .extracting(item -> item.get("type").asText()).containsExactly("OpportunityStageMoved");
        Instant third = Instant.parse(all.get(2).get("occurredAt").asText());
        assertThat(read(at("/audit/events?to=" + third)).get("items").size()).isLessThanOrEqualTo(2);

        List<Long> paged = new ArrayList<>();
        String cursor = "";
        do {
            JsonNode page = read(at("/audit/events?limit=3" + cursor));
            page.get("items").forEach(item -> paged.add(item.get("globalIndex").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : "&cursor=" + page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(paged).isEqualTo(indexes);

        assertThat(call("GET", "/api/v1/locations/elsewhere-" + location + "/audit/events", null).body())
                .contains("\"items\":[]");
    }

    @Test
    void badParametersAnswer400AndChangeNothing() {
        for (String query : List.of("?from=yesterday", "?to=2026-02-30", "?limit=0", "?limit=1001", "?cursor=abc",
                "?from=2026-01-02&to=2026-01-01", "?type=" + "x".repeat(300))) {
            HttpResponse<String> response = call("GET", at("/audit/events" + query), null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .contains("application/problem+json");
        }
        assertThat(call("GET", at("/audit/export?from=soon"), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/locations/bad%20location/audit/events", null).statusCode())
                .isIn(400, 404);
        assertThat(read(at("/audit/events")).get("items")).hasSize(8);
    }

    private HttpResponse<byte[]> export(String query) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + at("/audit/export")
                        + query))
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .header("Consistency-Token", token)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertBrokenAt(byte[] export, long line) {
        ExportVerifier.Result result = ExportVerifier.verify(export);
        assertThat(result.valid()).isFalse();
        assertThat(result.brokenLine()).isEqualTo(line);
    }

    private static List<byte[]> lines(byte[] export) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < export.length; i++) {
            if (export[i] == '\n') {
                lines.add(Arrays.copyOfRange(export, start, i));
                start = i + 1;
            }
        }
        assertThat(start).as("every line ends with a newline").isEqualTo(export.length);
        return lines;
    }

    private static int offsetOf(List<byte[]> lines, int index) {
        int offset = 0;
        for (int i = 0; i < index; i++) {
            offset += lines.get(i).length + 1;
        }
        return offset;
    }

    private static List<byte[]> without(List<byte[]> lines, int index) {
        List<byte[]> rest = new ArrayList<>(lines);
        rest.remove(index);
        return rest;
    }

    private static byte[] join(List<byte[]> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(new String(line, StandardCharsets.UTF_8)).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Runs the server's main class as {@code java -jar} would, with {@code verify-export FILE}. */
    private static Process verifyExport(Path file) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName(),
                "verify-export", file.toString()).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process;
    }
}
