package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standalone server keeps every acknowledged command across a SIGKILL, and refuses to share its data directory.
 */
class StandaloneDurabilityTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void keepsEveryAcknowledgedCommandAcrossAKill() throws Exception {
        Path data = work.resolve("data");
        Path log = work.resolve("server.log");
        StandaloneServer server = StandaloneServer.start(data, log).awaitUp(STARTUP);
        String pipelines = "/api/v1/locations/durable/pipelines";
        HttpResponse<String> pipeline = server.call("POST", pipelines,
                "{\"name\":\"Sales\",\"stages\":[{\"name\":\"Lead\",\"winProbability\":10},"
                        + "{\"name\":\"Won soon\",\"winProbability\":90}]}");
        assertThat(pipeline.statusCode()).as(pipeline.body()).isEqualTo(201);
        JsonNode created = json.readTree(pipeline.body());
        String pipelineId = created.get("id").asText();
        String firstStage = created.get("stages").get(0).get("id").asText();

        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            HttpResponse<String> answer = server.call("POST", "/api/v1/locations/durable/opportunities",
                    "{\"name\":\"Deal " + i + "\",\"pipelineId\":\"" + pipelineId + "\",\"monetaryValue\":" + i + "}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            acknowledged.add(json.readTree(answer.body()).get("id").asText());
        }
        server.kill();

        StandaloneServer restarted = StandaloneServer.start(data, log).awaitUp(STARTUP);
        try {
            for (String id : acknowledged) {
                // Moving to the stage it is in is a no-op: it answers the stored version, proving the deal is there.
                HttpResponse<String> answer = restarted.call("POST",
                        "/api/v1/locations/durable/opportunities/" + id + "/move-stage",
                        "{\"stageId\":\"" + firstStage + "\"}");
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(json.readTree(answer.body()).get("version").asLong()).isEqualTo(1);
            }
        } finally {
            restarted.stop();
        }
    }

    @Test
    void projectionsCatchUpExactlyAfterAKillInTheMiddleOfProcessing() throws Exception {
        Path data = work.resolve("data");
        Path log = work.resolve("server.log");
        StandaloneServer server = StandaloneServer.start(data, log).awaitUp(STARTUP);
        String location = "/api/v1/locations/replayed";
        JsonNode created = json.readTree(server.call("POST", location + "/pipelines",
                "{\"name\":\"Sales\",\"stages\":[{\"name\":\"Lead\",\"winProbability\":10},"
                        + "{\"name\":\"Proposal\",\"winProbability\":50}]}").body());
        String pipelineId = created.get("id").asText();
        List<String> stages = List.of(created.get("stages").get(0).get("id").asText(),
                created.get("stages").get(1).get("id").asText());
        long[] counts = new long[2];
        long[] cents = new long[2];
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    int stage = (writer + i) % 2;
                    long value = 100L * writer + i;
                    try {
                        HttpResponse<String> answer = server.call("POST", location + "/opportunities",
                                "{\"name\":\"Deal\",\"pipelineId\":\"" + pipelineId + "\",\"stageId\":\""
                                        + stages.get(stage) + "\",\"monetaryValue\":" + value + "}");
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    synchronized (counts) {
                        counts[stage]++;
                        cents[stage] += value * 100;
                    }
                }
            });
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        server.kill();

        StandaloneServer restarted = StandaloneServer.start(data, log).awaitUp(STARTUP);
        try {
            // A command after the restart gives a token covering every event written before the kill.
            HttpResponse<String> rename = restarted.call("PATCH", location + "/pipelines/" + pipelineId,
                    "{\"name\":\"Sales after restart\"}");
            String token = json.readTree(rename.body()).get("consistencyToken").asText();
            JsonNode board = json.readTree(restarted.call("GET", location + "/pipelines/" + pipelineId
                    + "/board?limit=1", null, "Consistency-Token", token).body());
            for (int stage = 0; stage < 2; stage++) {
                JsonNode column = board.get("stages").get(stage);
                assertThat(column.get("count").asLong()).isEqualTo(counts[stage]);
                assertThat(column.get("totalValue").decimalValue().movePointRight(2).longValueExact())
                        .isEqualTo(cents[stage]);
            }
            JsonNode search = json.readTree(restarted.call("GET", location + "/opportunities?limit=1", null,
                    "Consistency-Token", token).body());
            assertThat(search.get("total").asLong()).isEqualTo(200);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void refusesToStartOnADataDirectoryInUse() throws Exception {
        Path data = work.resolve("data");
        StandaloneServer first = StandaloneServer.start(data, work.resolve("first.log")).awaitUp(STARTUP);
        try {
            Path secondLog = work.resolve("second.log");
            StandaloneServer second = StandaloneServer.start(data, secondLog);
            assertThat(second.process().waitFor(90, TimeUnit.SECONDS)).as("second server exits").isTrue();
            assertThat(second.process().exitValue()).isNotZero();
            assertThat(Files.readString(secondLog)).contains("is in use by another dealflow server");
            assertThat(first.call("GET", "/actuator/health", null).body()).contains("\"UP\"");
        } finally {
            first.stop();
        }
    }
}
