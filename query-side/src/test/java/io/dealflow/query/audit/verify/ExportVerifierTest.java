package io.dealflow.query.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chain and canonical form of exports, checked without a server: what a line is, and what the verifier reports.
 */
class ExportVerifierTest {

    @Test
    void canonicalJsonSortsMembersDropsWhitespaceAndWritesNumbersPlainly() throws IOException {
        JsonNode value = ExportChain.parse("""
                { "b": [1, 2.50, 1.5e2, -0.0], "a": {"z": "é\\n\\u0001", "y": null, "x": true} }"""
                .getBytes(StandardCharsets.UTF_8));

        assertThat(new String(ExportChain.canonical(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":{\"x\":true,\"y\":null,\"z\":\"é\\n\\u0001\"},\"b\":[1,2.50,150,0.0]}");
    }

    @Test
    void canonicalFormIsAFixedPoint() throws IOException {
        byte[] once = ExportChain.canonical(ExportChain.parse("{\"n\": 1e-7, \"m\": 10E3, \"s\": \"\\u00e9\"}"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(ExportChain.canonical(ExportChain.parse(once))).isEqualTo(once);
    }

    @Test
    void firstLineChainsFromZerosAndEachLineFromTheOneBefore() throws IOException {
        ExportChain chain = new ExportChain();
        byte[] first = chain.line(event(1));
        byte[] second = chain.line(event(2));

        String firstHash = ExportChain.parse(first).get("chainHash").asText();
        assertThat(firstHash).isEqualTo(ExportChain.hash("0".repeat(64), ExportChain.canonical(event(1))));
        assertThat(ExportChain.parse(second).get("chainHash").asText())
                .isEqualTo(ExportChain.hash(firstHash, ExportChain.canonical(event(2))));
        assertThat(new String(first, StandardCharsets.UTF_8)).endsWith(",\"chainHash\":\"" + firstHash + "\"}");
    }

    @Test
    void verifierAcceptsAnIntactExportAndNamesTheFirstBrokenLine() {
        byte[] export = export(5);
        assertThat(ExportVerifier.verify(export)).extracting(ExportVerifier.Result::valid,
                ExportVerifier.Result::lines).containsExactly(true, 5L);
        assertThat(ExportVerifier.verify(new byte[0]).valid()).isTrue();

        String text = new String(export, StandardCharsets.UTF_8);
        List<String> lines = List.of(text.split("\n"));
        assertThat(ExportVerifier.verify(join(lines.get(0), lines.get(2), lines.get(3), lines.get(4))).brokenLine())
                .isEqualTo(2);
        assertThat(ExportVerifier.verify(join(lines.get(0), lines.get(1), lines.get(3), lines.get(2), lines.get(4)))
                .brokenLine()).isEqualTo(3);
        assertThat(ExportVerifier.verify(join(lines.get(0), lines.get(1), lines.get(2).replace("\"n\":3", "\"n\":4"),
                lines.get(3), lines.get(4))).brokenLine()).isEqualTo(3);
        assertThat(ExportVerifier.verify(join(lines.get(0), "not json", lines.get(1))).reason())
                .startsWith("not valid JSON");
        assertThat(ExportVerifier.verify(join(lines.get(0), lines.get(1).replace("\"n\":2", "\"n\":2,\"n\":2")))
                .brokenLine()).as("a duplicate member").isEqualTo(2);
    }

    @Test
    void commandPrintsTheOutcomeAndExitsWithItsCode() throws IOException {
        Path file = Files.createTempFile("export", ".ndjson");
        Files.write(file, export(3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(ExportVerifier.run(new String[]{file.toString()}, new PrintStream(out), new PrintStream(err)))
                .isZero();
        assertThat(out.toString()).startsWith("valid: 3 lines");
        Files.writeString(file, "{}\n");
        assertThat(ExportVerifier.run(new String[]{file.toString()}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(1);
        assertThat(out.toString()).contains("broken at line 1");
        assertThat(ExportVerifier.run(new String[]{file + ".missing"}, new PrintStream(out), new PrintStream(err)))
                .isEqualTo(2);
        assertThat(ExportVerifier.run(new String[0], new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        Files.delete(file);
    }

    private static ObjectNode event(int n) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("n", n).put("type", "OpportunityStageMoved").putObject("data").put("value", "10.50");
        return event;
    }

    private static byte[] export(int lines) {
        ExportChain chain = new ExportChain();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int n = 1; n <= lines; n++) {
            out.writeBytes(chain.line(event(n)));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private static byte[] join(String... lines) {
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
