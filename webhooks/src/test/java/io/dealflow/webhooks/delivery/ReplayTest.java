package io.dealflow.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.Signatures;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReplayTest extends WebhookApiTest {

    @Test
    void replayFromAnInstantResendsExactlyTheEventsSinceThenInOrder() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            JsonNode subscription = subscribe(receiver.url(), DeliveryTest.ALL_TYPES);
            String subscriptionId = subscription.get("id").asText();
            String a = "opp-" + UUID.randomUUID();
            String b = "opp-" + UUID.randomUUID();
            events.append(a, created(a, location, "p-1", "s-1"));
            events.append(b, created(b, location, "p-1", "s-1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 2);
            Instant from = clock.instant();
            events.append(a, moved(a, location, "p-1", "s-1", "s-2"), new OpportunityRenamed(a, location, "A2"));
            events.append(b, moved(b, location, "p-1", "s-1", "s-3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 5);
            Set<String> since = receiver.acceptedOnce().subList(2, 5).stream().map(Receiver.Request::webhookId)
                    .collect(Collectors.toSet());

            HttpResponse<String> replay = call("POST", at("/webhooks/" + subscriptionId + "/replay?from=" + from),
                    null);

            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(read(replay).get("queued").asInt()).isEqualTo(3);
            await().atMost(Duration.ofSeconds(20)).until(() -> replays(receiver).size() == 3);
            List<Receiver.Request> replayed = replays(receiver);
            assertThat(replayed).extracting(Receiver.Request::webhookId).containsExactlyInAnyOrderElementsOf(since);
            for (Receiver.Request request : replayed) {
                assertThat(read(request.body()).get("replay").asBoolean()).isTrue();
                assertThat(Signatures.verify(subscription.get("secret").asText(), request.webhookId(),
                        request.timestamp(), request.body(), request.signature())).isTrue();
            }
            assertThat(DeliveryTest.sequencesPerOpportunity(replayed).get(a)).containsExactly(1L, 2L);
            assertThat(DeliveryTest.sequencesPerOpportunity(replayed).get(b)).containsExactly(1L);
            JsonNode log = read(call("GET", at("/webhooks/" + subscriptionId + "/deliveries"), null)).get("items");
            assertThat(log).hasSize(8);
            assertThat(log.get(0).get("replay").asBoolean()).isTrue();
        }
    }

    @Test
    void replayFromAnEventStorePositionStartsAtThatEvent() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), DeliveryTest.ALL_TYPES).get("id").asText();
            String a = "opp-" + UUID.randomUUID();
            events.append(a, created(a, location, "p-1", "s-1"), moved(a, location, "p-1", "s-1", "s-2"),
                    moved(a, location, "p-1", "s-2", "s-3"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 3);
            Long position = jdbc.queryForObject("SELECT global_index FROM event_store.domain_event_entry"
                    + " WHERE aggregate_identifier = ? AND sequence_number = 1", Long.class, a);

            HttpResponse<String> replay = call("POST",
                    at("/webhooks/" + subscriptionId + "/replay?from=" + position), null);

            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(read(replay).get("queued").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> replays(receiver).size() == 2);
            assertThat(DeliveryTest.sequencesPerOpportunity(replays(receiver)).get(a)).containsExactly(1L, 2L);
        }
    }

    @Test
    void replayOnlyResendsWhatTheSubscriptionWants() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), "OpportunityStageUpdate").get("id").asText();
            Instant from = clock.instant();
            String a = "opp-" + UUID.randomUUID();
            events.append(a, created(a, location, "p-1", "s-1"), moved(a, location, "p-1", "s-1", "s-2"));
            String elsewhere = "opp-" + UUID.randomUUID();
            events.append(elsewhere, created(elsewhere, "other-location", "p-1", "s-1"),
                    moved(elsewhere, "other-location", "p-1", "s-1", "s-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 1);

            HttpResponse<String> replay = call("POST", at("/webhooks/" + subscriptionId + "/replay?from=" + from),
                    null);

            assertThat(read(replay).get("queued").asInt()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(20)).until(() -> replays(receiver).size() == 1);
            assertThat(replays(receiver).get(0).webhookId()).isEqualTo(receiver.acceptedOnce().get(0).webhookId());
        }
    }

    /** The first arrival of each replayed event, in arrival order. */
    private List<Receiver.Request> replays(Receiver receiver) {
        Set<String> seen = new HashSet<>();
        return receiver.accepted().stream().filter(request -> read(request.body()).get("replay").asBoolean())
                .filter(request -> seen.add(request.webhookId())).toList();
    }
}
