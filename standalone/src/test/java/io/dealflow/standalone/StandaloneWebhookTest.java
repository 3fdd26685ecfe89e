package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dealflow.webhooks.outbox.Outbox;
import io.dealflow.webhooks.outbox.OutboxProjection;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The webhooks module inside the standalone server: loaded once although the server also scans {@code io.dealflow},
 * and fed by the real command side.
 */
@TestPropertySource(properties = "dealflow.webhooks.allow-private-targets=true")
class StandaloneWebhookTest extends StandaloneApiTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @Autowired
    ApplicationContext context;
    @Autowired
    EventProcessingConfiguration processing;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            received.add(json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
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
    void registersTheWebhooksModuleOnce() {
        assertThat(context.getBeanNamesForType(Outbox.class)).hasSize(1);
        assertThat(context.getBeanNamesForType(OutboxProjection.class)).hasSize(1);
        assertThat(processing.eventProcessor(OutboxProjection.GROUP)).isPresent();
    }

    @Test
    void commandsThroughTheApiReachTheReceiver() throws Exception {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        assertThat(call("POST", at("/webhooks"), "{\"url\":\"" + url + "\",\"events\":[\"OpportunityCreate\","
                + "\"OpportunityStageUpdate\",\"OpportunityStatusUpdate\"]}").statusCode()).isEqualTo(201);
        JsonNode pipeline = json.readTree(call("POST", at("/pipelines"), "{\"name\":\"Sales\",\"stages\":["
                + "{\"name\":\"Lead\",\"winProbability\":10},{\"name\":\"Offer\",\"winProbability\":60}]}").body());
        String second = pipeline.get("stages").get(1).get("id").asText();
        String opportunity = json.readTree(call("POST", at("/opportunities"),
                "{\"name\":\"Deal\",\"pipelineId\":\"" + pipeline.get("id").asText() + "\",\"monetaryValue\":250}")
                .body()).get("id").asText();
        call("POST", at("/opportunities/" + opportunity + "/move-stage"), "{\"stageId\":\"" + second + "\"}");
        call("POST", at("/opportunities/" + opportunity + "/mark-won"), "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);

        assertThat(received).extracting(body -> body.get("type").asText())
                .containsExactly("OpportunityCreate", "OpportunityStageUpdate", "OpportunityStatusUpdate");
        JsonNode won = received.get(2);
        assertThat(won.get("opportunity").get("status").asText()).isEqualTo("won");
        assertThat(won.get("opportunity").get("pipelineStageId").asText()).isEqualTo(second);
        assertThat(won.get("opportunity").get("indexVersion").asLong()).isEqualTo(3);
        assertThat(won.get("previous").get("status").asText()).isEqualTo("open");
    }
}
