package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bulk operation survives a SIGKILL of its server in the middle: after the restart it goes on where it stopped,
 * its counts are exact, and no deal got the operation's event twice.
 */
class BulkKillTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String LOCATION = "/api/v1/locations/killed";
    private static final int DEALS = 400;
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void goesOnAfterAKillWithExactCountsAndNoDealAppliedTwice() throws Exception {
        Path data = work.resolve("data");
        Path log = work.resolve("server.log");
        // A short lease, so the restarted server takes over the dead one's operation at once.
        String[] arguments = {"--dealflow.bulk.lease=1s", "--dealflow.bulk.batch-size=10"};
        StandaloneServer server = StandaloneServer.start(data, log, arguments).awaitUp(STARTUP);
        JsonNode pipeline = json.readTree(server.call("POST", LOCATION + "/pipelines",
                "{\"name\":\"Sales\",\"stages\":[{\"name\":\"Lead\",\"winProbability\":10},"
                        + "{\"name\":\"Proposal\",\"winProbability\":50}]}").body());
        String pipelineId = pipeline.get("id").asText();
        String proposal = pipeline.get("stages").get(1).get("id").asText();
        StringBuilder file = new StringBuilder("name,externalId\n");
        for (int i = 0; i < DEALS; i++) {
            file.append("Deal ").append(i).append(",ext-").append(i).append('\n');
        }
        String importId = json.readTree(postCsv(server, LOCATION + "/imports?pipelineId=" + pipelineId,
                file.toString())).get("id").asText();
        JsonNode imported = awaitFinished(server, LOCATION + "/imports/" + importId);
        assertThat(imported.get("created").asInt()).isEqualTo(DEALS);

        Instant projected = Instant.now().plus(Duration.ofSeconds(60));
        while (json.readTree(server.call("GET", LOCATION + "/opportunities?pipelineId=" + pipelineId + "&limit=1",
                null).body()).get("total").asInt() < DEALS && Instant.now().isBefore(projected)) {
            Thread.sleep(100);
        }
        HttpResponse<String> started = server.call("POST", LOCATION + "/bulk-operations",
                "{\"action\":\"move-stage\",\"params\":{\"stageId\":\"" + proposal + "\"},"
                        + "\"filter\":{\"pipelineId\":\"" + pipelineId + "\"}}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String operationId = json.readTree(started.body()).get("id").asText();
        String operation = LOCATION + "/bulk-operations/" + operationId;
        assertThat(json.readTree(started.body()).get("total").asInt()).isEqualTo(DEALS);
        JsonNode midway;
        do {
            midway = json.readTree(server.call("GET", operation, null).body());
        } while (midway.get("succeeded").asInt() < 20);
        server.kill();
        assertThat(midway.get("succeeded").asInt()).isLessThan(DEALS);

        StandaloneServer restarted = StandaloneServer.start(data, log, arguments).awaitUp(STARTUP);
        try {
            JsonNode done = awaitFinished(restarted, operation);
            assertThat(done.get("status").asText()).isEqualTo("completed");
            assertThat(done.get("succeeded").asInt()).isEqualTo(DEALS);
            assertThat(done.get("unchanged").asInt()).isZero();
            assertThat(done.get("failed").asInt()).isZero();
            JsonNode deals = json.readTree(restarted.call("GET", LOCATION + "/opportunities?status=all&limit=500",
                    null).body()).get("items");
            List<String> ids = new ArrayList<>();
            deals.forEach(deal -> ids.add(deal.get("id").asText()));
            assertThat(ids).hasSize(DEALS);
            for (String id : ids) {
                JsonNode history = json.readTree(restarted.call("GET", LOCATION + "/opportunities/" + id
                        + "/history", null).body()).get("items");
                int fromOperation = 0;
                for (JsonNode event : history) {
                    if (operationId.equals(event.get("bulkOperationId").asText(null))) {
                        fromOperation++;
                        assertThat(event.get("type").asText()).isEqualTo("OpportunityStageMoved");
                    }
                }
                assertThat(fromOperation).as("events of the operation on " + id).isEqualTo(1);
            }
        } finally {
            restarted.stop();
        }
    }

    private JsonNode awaitFinished(StandaloneServer server, String path) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = json.readTree(server.call("GET", path, null).body());
            if (!job.get("status").asText().equals("running")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(path + " still running");
    }

    private static String postCsv(StandaloneServer server, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/csv")
                .header("Authorization", "Bearer " + StandaloneServer.OPERATOR_KEY)
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response.body();
    }
}
