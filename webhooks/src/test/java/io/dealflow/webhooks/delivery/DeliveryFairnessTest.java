package io.dealflow.webhooks.delivery;

import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receivers that hang hold at most their subscription's and their location's share of the dispatch threads (issue 16,
 * item 5). The request timeout here is longer than the test waits, so the hanging attempts stay hanging throughout;
 * {@link DeliveryTest#hungAttemptIsCutByTheRequestTimeoutAndRetried()} covers the timeout itself. The caps are the
 * defaults: 8 threads, 4 per location, 2 per subscription.
 */
@TestPropertySource(properties = "dealflow.webhooks.http.request-timeout=60s")
class DeliveryFairnessTest extends WebhookApiTest {

    private static final int MAX_IN_FLIGHT_PER_LOCATION = 4;
    private static final int MAX_IN_FLIGHT_PER_SUBSCRIPTION = 2;

    @Test
    void hangingReceiversOfOneLocationLeaveTheOtherLocationsDeliveriesFlowing() throws Exception {
        String hanging = location;
        String other = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        List<Receiver> hangingReceivers = new ArrayList<>();
        try (Receiver fast = Receiver.start()) {
            List<String> hangingSubscriptions = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Receiver receiver = Receiver.start().answeringAfter(Duration.ofMinutes(5));
                hangingReceivers.add(receiver);
                hangingSubscriptions.add(subscribeIn(hanging, receiver.url()));
            }
            String fastSubscription = subscribeIn(other, fast.url());
            // Four deals in the hanging location: twelve queues, enough to take every thread if nothing held it back.
            for (int i = 0; i < 4; i++) {
                String id = "opp-" + UUID.randomUUID();
                events.append(id, created(id, hanging, "p-1", "s-1"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> arrivals(hangingReceivers) >= MAX_IN_FLIGHT_PER_LOCATION);

            List<String> deals = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String id = "opp-" + UUID.randomUUID();
                deals.add(id);
                events.append(id, created(id, other, "p-1", "s-1"), new OpportunityRenamed(id, other, "renamed"));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> DeliveryTest.distinctIds(fast.accepted()) == 10);
            assertThat(DeliveryTest.sequencesPerOpportunity(fast.accepted())).containsOnlyKeys(deals)
                    .allSatisfy((deal, sequences) -> assertThat(sequences).containsExactly(0L, 1L));
            assertThat(delivered(other, fastSubscription)).isEqualTo(10);
            // Still hanging: no more requests than the location's share, none answered, none recorded as sent.
            assertThat(arrivals(hangingReceivers)).isEqualTo(MAX_IN_FLIGHT_PER_LOCATION);
            assertThat(hangingReceivers).allSatisfy(receiver -> {
                assertThat(receiver.arrivals()).hasSizeLessThanOrEqualTo(MAX_IN_FLIGHT_PER_SUBSCRIPTION);
                assertThat(receiver.requests()).isEmpty();
            });
            for (String subscription : hangingSubscriptions) {
                assertThat(delivered(hanging, subscription)).isZero();
            }
            for (String subscription : hangingSubscriptions) {
                assertThat(call("DELETE", "/api/v1/locations/" + hanging + "/webhooks/" + subscription, null)
                        .statusCode()).isEqualTo(204);
            }
        } finally {
            hangingReceivers.forEach(Receiver::close);
        }
    }

    private String subscribeIn(String locationId, String url) {
        HttpResponse<String> response = call("POST", "/api/v1/locations/" + locationId + "/webhooks",
                "{\"url\":\"" + url + "\",\"events\":[\"" + String.join("\",\"", DeliveryTest.ALL_TYPES) + "\"]}");
        assertThat(response.statusCode()).isEqualTo(201);
        return read(response).get("id").asText();
    }

    private int delivered(String locationId, String subscriptionId) {
        return read(call("GET", "/api/v1/locations/" + locationId + "/webhooks/" + subscriptionId
                + "/deliveries?status=delivered", null)).get("items").size();
    }

    private static int arrivals(List<Receiver> receivers) {
        return receivers.stream().mapToInt(receiver -> receiver.arrivals().size()).sum();
    }
}
