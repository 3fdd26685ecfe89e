package io.dealflow.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.testsupport.TestDatabase;
import io.dealflow.webhooks.OpportunityEvents;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.Signatures;
import io.dealflow.webhooks.WebhookTestApplication;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the application while deliveries are under way and starts a second one on the same database: the queue
 * lives in PostgreSQL, so nothing is lost; what was cut off mid-request is sent again with the same id.
 */
class DeliveryRestartTest {

    private static final String LOCATION = "loc-restart";

    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void systemTime() {
        GenericEventMessage.clock = Clock.systemUTC();
    }

    @Test
    void restartMidDeliveryLosesNothingAndRepeatsOnlyWithTheSameIds() throws Exception {
        String database = TestDatabase.freshDatabaseUrl();
        try (Receiver receiver = Receiver.start().answeringAfter(Duration.ofMillis(100))) {
            List<String> opportunities = new ArrayList<>();
            String secret;
            int acceptedBeforeRestart;
            try (ConfigurableApplicationContext first = start(database)) {
                secret = subscribe(first, receiver.url());
                OpportunityEvents events = events(first);
                for (int i = 0; i < 10; i++) {
                    opportunities.add(appendDeal(events));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryTest.distinctIds(receiver.accepted()) >= 8);
            }
            acceptedBeforeRestart = (int) DeliveryTest.distinctIds(receiver.accepted());

            try (ConfigurableApplicationContext second = start(database)) {
                OpportunityEvents events = events(second);
                opportunities.add(appendDeal(events));
                opportunities.add(appendDeal(events));

                await().atMost(Duration.ofSeconds(60)).until(() -> DeliveryTest.distinctIds(receiver.accepted()) == 48);
            }

            assertThat(acceptedBeforeRestart).isLessThan(40);
            Map<String, List<Long>> sequences = DeliveryTest.sequencesPerOpportunity(receiver.accepted());
            assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(opportunities);
            sequences.values().forEach(list -> assertThat(list).containsExactly(0L, 1L, 2L, 3L));
            Map<String, String> bodyById = new HashMap<>();
            for (Receiver.Request request : receiver.requests()) {
                assertThat(Signatures.verify(secret, request.webhookId(), request.timestamp(), request.body(),
                        request.signature())).isTrue();
                String earlier = bodyById.putIfAbsent(request.webhookId(), request.body());
                assertThat(earlier == null || earlier.equals(request.body())).as("same id, same body").isTrue();
                assertThat(json.readTree(request.body()).get("eventId").asText()).isEqualTo(request.webhookId());
            }
        }
    }

    private static String appendDeal(OpportunityEvents events) {
        String id = "opp-" + UUID.randomUUID();
        events.append(id, created(id, LOCATION, "p-1", "s-1"));
        events.append(id, moved(id, LOCATION, "p-1", "s-1", "s-2"));
        events.append(id, new OpportunityRenamed(id, LOCATION, "renamed"));
        events.append(id, new OpportunityWon(id, LOCATION));
        return id;
    }

    private static ConfigurableApplicationContext start(String database) {
        return new SpringApplicationBuilder(WebhookTestApplication.class)
                .properties("spring.datasource.url=" + database, "spring.datasource.username=postgres",
                        "spring.datasource.password=", "server.port=0")
                .run();
    }

    private static OpportunityEvents events(ConfigurableApplicationContext context) {
        return new OpportunityEvents(context.getBean(EventStore.class), context.getBean(TransactionTemplate.class));
    }

    private String subscribe(ConfigurableApplicationContext context, String url) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/locations/" + LOCATION + "/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\",\"events\":"
                        + json.writeValueAsString(DeliveryTest.ALL_TYPES) + "}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = json.readTree(response.body());
        return body.get("secret").asText();
    }
}
