package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With its embedded PostgreSQL killed, the standalone server answers 503 with {@code Retry-After} at once (problem
 * details, or HighLevel's shape on HighLevel's paths), health says DOWN, and once the watchdog has started PostgreSQL
 * again everything works without a restart: commands, projections (read with a consistency token), and the data
 * written before the kill.
 */
class DatabaseOutageTest {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** Generous: the pool gives up after 1 s; the machine may be busy with other builds. */
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final String LOCATION = "/api/v1/locations/outage";
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path work;

    @Test
    void answers503WhileThePostgresIsDownAndResumesWhenTheWatchdogRestartsIt() throws Exception {
        Path data = work.resolve("data");
        StandaloneServer server = StandaloneServer.start(data, serverLog()).awaitUp(STARTUP);
        try {
            JsonNode pipeline = json.readTree(server.call("POST", LOCATION + "/pipelines",
                    "{\"name\":\"Sales\",\"stages\":[{\"name\":\"Lead\",\"winProbability\":10}]}").body());
            String pipelineId = pipeline.get("id").asText();
            HttpResponse<String> before = server.call("POST", LOCATION + "/opportunities",
                    "{\"name\":\"Written before\",\"pipelineId\":\"" + pipelineId + "\",\"monetaryValue\":5}");
            assertThat(before.statusCode()).as(before.body()).isEqualTo(201);
            String writtenBefore = json.readTree(before.body()).get("id").asText();

            try (ServerSocket portTaken = killPostgresAndTakeItsPort(data.resolve("postgres"))) {
                assertOutageAnswer(server, "GET", LOCATION + "/opportunities/" + writtenBefore, null);
                assertOutageAnswer(server, "POST", LOCATION + "/opportunities",
                        "{\"name\":\"During\",\"pipelineId\":\"" + pipelineId + "\"}");
                HttpResponse<String> highLevel = timed(() -> server.call("GET", "/opportunities/" + writtenBefore,
                        null, "Version", "2021-07-28"));
                assertThat(highLevel.statusCode()).as(highLevel.body()).isEqualTo(503);
                assertThat(highLevel.headers().firstValue("Retry-After")).isPresent();
                assertThat(json.readTree(highLevel.body()).get("statusCode").asInt()).isEqualTo(503);
                HttpResponse<String> health = timed(server::health);
                assertThat(health.statusCode()).isEqualTo(503);
                assertThat(health.body()).contains("\"DOWN\"");
            }

            // The port is free again: the watchdog's next attempt starts PostgreSQL on it.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> server.health().body().contains("\"UP\""));
            HttpResponse<String> after = server.call("POST", LOCATION + "/opportunities",
                    "{\"name\":\"Written after\",\"pipelineId\":\"" + pipelineId + "\",\"monetaryValue\":7}");
            assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
            JsonNode created = json.readTree(after.body());
            String token = created.get("consistencyToken").asText();
            // The processors retry with Axon's backoff; a read that waited 5 s in vain answers 503 and is asked again.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> search = server.call("GET", LOCATION + "/opportunities?limit=10", null,
                        "Consistency-Token", token);
                assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
                assertThat(json.readTree(search.body()).get("total").asLong()).isEqualTo(2);
            });
            HttpResponse<String> kept = server.call("GET", LOCATION + "/opportunities/" + writtenBefore, null);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            assertThat(json.readTree(kept.body()).get("name").asText()).isEqualTo("Written before");
        } finally {
            server.stop();
        }
    }

    /** Kept in {@code target/} beside the test reports, to be read when this test fails. */
    private static Path serverLog() throws IOException {
        Path log = Path.of("target", "database-outage-server.log");
        Files.deleteIfExists(log);
        return log;
    }

    /**
     * SIGKILLs the postmaster and takes its port before the watchdog can start PostgreSQL again, which keeps the
     * outage open until the socket is closed. The socket accepts connections and never answers, the harder case for
     * the pool: a server that hangs rather than refuses. Should the watchdog win the race, the new postmaster is
     * killed in turn.
     */
    private static ServerSocket killPostgresAndTakeItsPort(Path pgData) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            List<String> pidFile = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> Files.readAllLines(pgData.resolve("postmaster.pid")), lines -> lines.size() >= 4);
            int port = Integer.parseInt(pidFile.get(3).trim());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(pidFile.get(0).trim()));
            if (postmaster.isPresent()) {
                postmaster.get().destroyForcibly();
                postmaster.get().onExit().get();
            }
            ServerSocket taken = new ServerSocket();
            try {
                // Its own closed connections may linger in TIME_WAIT on the port.
                taken.setReuseAddress(true);
                taken.bind(new InetSocketAddress("127.0.0.1", port));
                return taken;
            } catch (IOException notFreeYet) {
                taken.close();
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("could not take the port of the killed PostgreSQL");
    }

    private void assertOutageAnswer(StandaloneServer server, String method, String path, String body)
            throws Exception {
        HttpResponse<String> answer = timed(() -> server.call(method, path, body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(json.readTree(answer.body()).get("type").asText())
                .isEqualTo("https://dealflow.io/problems/database-unavailable");
    }

    private static HttpResponse<String> timed(Call call) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> answer = call.send();
        assertThat(Duration.between(start, Instant.now())).as("answered within %s", FAST).isLessThan(FAST);
        return answer;
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws Exception;
    }
}
