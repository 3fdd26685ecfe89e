package io.dealflow.standalone.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dealflow.standalone.StandaloneApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} of the standalone server: the operator sees commands by type and outcome with latency
 * buckets, event-store appends, lag per projection, webhook deliveries by outcome and the pending count, Axon's own
 * monitors, and the JVM, HTTP and pool defaults; anonymous callers and keys without the admin scope do not.
 */
@TestPropertySource(properties = "dealflow.webhooks.allow-private-targets=true")
// Spring Boot's tests leave metrics export off unless asked.
@AutoConfigureObservability
class PrometheusEndpointTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    @Test
    void showsTheOperatorCommandsAppendsLagAndDeliveries() throws Exception {
        call("POST", at("/webhooks"), """
                {"url": "http://127.0.0.1:%d/hook", "events": ["OpportunityCreate"]}"""
                .formatted(receiver.getAddress().getPort()));
        JsonNode pipeline = JSON.readTree(call("POST", at("/pipelines"),
                "{\"name\": \"Sales\", \"stages\": [{\"name\": \"Lead\", \"winProbability\": 10}]}").body());
        String pipelineId = pipeline.get("id").asText();
        assertThat(call("POST", at("/opportunities"),
                "{\"name\": \"Deal\", \"pipelineId\": \"" + pipelineId + "\"}").statusCode()).isEqualTo(201);
        assertThat(call("POST", at("/opportunities"),
                "{\"name\": \"Deal\", \"pipelineId\": \"" + pipelineId + "\", \"stageId\": \"nowhere\"}")
                .statusCode()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.get() > 0);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + OPERATOR_KEY).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
            String metrics = scrape.body();
            assertThat(metrics).contains(
                    "dealflow_commands_seconds_bucket{command=\"CreateOpportunity\",outcome=\"ok\"",
                    "dealflow_commands_seconds_count{command=\"CreatePipeline\",outcome=\"ok\"}",
                    "dealflow_event_store_appended_events_total",
                    "dealflow_event_store_appends_total",
                    "dealflow_projection_lag_events{projection=\"board\"}",
                    "dealflow_projection_lag_seconds{projection=\"reports\"}",
                    "dealflow_webhook_deliveries_total{outcome=\"delivered\"}",
                    "dealflow_webhook_deliveries_pending",
                    "dealflow_bulk_running{job=\"operation\"}",
                    "dealflow_bulk_items_remaining{job=\"import\"}",
                    "jvm_memory_used_bytes",
                    "http_server_requests_seconds_bucket",
                    "hikaricp_connections_active",
                    "tomcat_sessions");
            assertThat(metrics).containsPattern("dealflow_commands_seconds_count\\{command=\"CreateOpportunity\","
                    + "outcome=\"(refused|not_found)\"\\} 1");
        });
    }

    @Test
    void refusesAnonymousCallersAndKeysWithoutTheAdminScope() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);

        JsonNode reader = JSON.readTree(call("POST", "/api/v1/admin/api-keys",
                "{\"name\": \"dashboards\", \"locations\": [\"*\"], \"scopes\": [\"reports.read\"]}").body());
        HttpResponse<String> withoutAdmin = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + reader.get("key").asText()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withoutAdmin.statusCode()).isEqualTo(403);
        assertThat(withoutAdmin.body()).doesNotContain("jvm_memory_used_bytes");
    }
}
