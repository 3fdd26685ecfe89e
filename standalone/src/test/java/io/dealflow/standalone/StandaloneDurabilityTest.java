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
