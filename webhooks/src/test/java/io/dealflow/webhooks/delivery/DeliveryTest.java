package io.dealflow.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.Signatures;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DeliveryTest extends WebhookApiTest {

    static final String[] ALL_TYPES = {"OpportunityCreate", "OpportunityStageUpdate", "OpportunityStatusUpdate",
            "OpportunityMonetaryValueUpdate", "OpportunityAssignedToUpdate", "OpportunityUpdate",
            "OpportunityDelete"};

    @Test
    void receiverFailingFirstAttemptsGetsEveryEventInOrderWithValidSignatures() throws Exception {
        try (Receiver receiver = Receiver.start().answering(attempt -> attempt <= 2 ? 500 : 204)) {
            JsonNode subscription = subscribe(receiver.url(), ALL_TYPES);
            List<String> opportunities = appendInterleaved(5);

            await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds(receiver.accepted()) == 20);

            String secret = subscription.get("secret").asText();
            for (Receiver.Request request : receiver.requests()) {
                assertThat(Signatures.verify(secret, request.webhookId(), request.timestamp(), request.body(),
                        request.signature())).as(request.body()).isTrue();
                assertThat(read(request.body()).get("eventId").asText()).isEqualTo(request.webhookId());
            }
            assertThat(receiver.requests()).hasSizeGreaterThanOrEqualTo(60);
            Map<String, List<Long>> sequences = sequencesPerOpportunity(receiver.accepted());
            assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(opportunities);
            sequences.values().forEach(list -> assertThat(list).containsExactly(0L, 1L, 2L, 3L));
            JsonNode log = read(call("GET", at("/webhooks/" + subscription.get("id").asText() + "/deliveries"), null));
            assertThat(log.get("items")).hasSize(20).allSatisfy(item -> {
                assertThat(item.get("status").asText()).isEqualTo("delivered");
                assertThat(item.get("attempts").asInt()).isGreaterThanOrEqualTo(3);
                assertThat(item.get("lastStatusCode").asInt()).isEqualTo(204);
                assertThat(item.get("deliveredAt").asText()).isNotEmpty();
                assertThat(item.get("lastAttemptAt").asText()).isNotEmpty();
            });
        }
    }

    @Test
    void deliversHighLevelShapedPayloadWithPreviousValues() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            subscribe(receiver.url(), ALL_TYPES);
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"), moved(id, location, "p-1", "s-1", "s-2"));

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acceptedOnce().size() == 2);

            JsonNode create = read(receiver.acceptedOnce().get(0).body());
            JsonNode move = read(receiver.acceptedOnce().get(1).body());
            assertThat(create.get("type").asText()).isEqualTo("OpportunityCreate");
            assertThat(create.has("previous")).isFalse();
            assertThat(create.get("sequence").asLong()).isZero();
            assertThat(move.get("type").asText()).isEqualTo("OpportunityStageUpdate");
            assertThat(move.get("locationId").asText()).isEqualTo(location);
            assertThat(move.get("sequence").asLong()).isEqualTo(1);
            assertThat(move.get("replay").asBoolean()).isFalse();
            assertThat(move.get("occurredAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(move.get("previous").get("stageId").asText()).isEqualTo("s-1");
            assertThat(move.get("previous").get("status").asText()).isEqualTo("open");
            JsonNode opportunity = move.get("opportunity");
            assertThat(opportunity.get("id").asText()).isEqualTo(id);
            assertThat(opportunity.get("pipelineStageId").asText()).isEqualTo("s-2");
            assertThat(opportunity.get("pipelineId").asText()).isEqualTo("p-1");
            assertThat(opportunity.get("status").asText()).isEqualTo("open");
            assertThat(opportunity.get("monetaryValue").decimalValue()).isEqualByComparingTo("1000");
            assertThat(opportunity.get("indexVersion").asLong()).isEqualTo(2);
            assertThat(opportunity.get("contactId").asText()).isEqualTo("c-1");
            assertThat(opportunity.get("contact").get("email").asText()).isEqualTo("ada@example.com");
            assertThat(opportunity.get("customFields").get(0).get("id").asText()).isEqualTo("size");
            assertThat(opportunity.get("customFields").get(0).get("fieldValue").asText()).isEqualTo("large");
            assertThat(opportunity.get("followers").get(0).asText()).isEqualTo("u-2");
            assertThat(opportunity.get("lastStageChangeAt").asText()).isEqualTo(move.get("occurredAt").asText());
        }
    }

    @Test
    void filtersDeliverOnlyMatchingEventsAndMovesOutOfAFilteredStage() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            assertThat(call("POST", at("/webhooks"), "{\"url\":\"" + receiver.url() + "\","
                    + "\"events\":[\"OpportunityCreate\",\"OpportunityStageUpdate\"],\"stageId\":\"s-1\"}")
                    .statusCode()).isEqualTo(201);
            String inStage = "opp-" + UUID.randomUUID();
            String elsewhere = "opp-" + UUID.randomUUID();
            events.append(elsewhere, created(elsewhere, location, "p-1", "s-3"),
                    moved(elsewhere, location, "p-1", "s-3", "s-2"));
            events.append(inStage, created(inStage, location, "p-1", "s-1"),
                    new OpportunityWon(inStage, location), moved(inStage, location, "p-1", "s-1", "s-2"),
                    moved(inStage, location, "p-1", "s-2", "s-3"));

            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.acceptedOnce().size() >= 2);

            assertThat(sequencesPerOpportunity(receiver.accepted())).containsOnlyKeys(inStage);
            assertThat(sequencesPerOpportunity(receiver.accepted()).get(inStage)).containsExactly(0L, 2L);
        }
    }

    @Test
    void slowReceiverDoesNotHoldUpOtherSubscriptions() throws Exception {
        try (Receiver slow = Receiver.start().answeringAfter(Duration.ofSeconds(5));
             Receiver fast = Receiver.start()) {
            String slowId = subscribe(slow.url(), ALL_TYPES).get("id").asText();
            subscribe(fast.url(), ALL_TYPES);
            List<String> opportunities = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = "opp-" + UUID.randomUUID();
                opportunities.add(id);
                events.append(id, created(id, location, "p-1", "s-1"), new OpportunityRenamed(id, location, "n"));
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds(fast.accepted()) == 12);
            assertThat(read(call("GET", at("/webhooks/" + slowId + "/deliveries?status=delivered"), null))
                    .get("items")).isEmpty();

            slow.answeringAfter(Duration.ZERO);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    read(call("GET", at("/webhooks/" + slowId + "/deliveries?status=delivered"), null))
                            .get("items").size() == 12);
            sequencesPerOpportunity(fast.accepted()).values().forEach(list -> assertThat(list).containsExactly(0L, 1L));
            assertThat(sequencesPerOpportunity(fast.accepted())).containsOnlyKeys(opportunities);
        }
    }

    @Test
    void hungAttemptIsCutByTheRequestTimeoutAndRetried() throws Exception {
        // The test configuration's request timeout is 3 s; this receiver would keep the request for minutes.
        try (Receiver receiver = Receiver.start().answeringAfter(Duration.ofMinutes(5))) {
            String subscriptionId = subscribe(receiver.url(), ALL_TYPES).get("id").asText();
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"));

            // A second request for the same id means the first was given up and retried by the backoff.
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.arrivals().size() >= 2);

            assertThat(receiver.arrivals()).containsOnly(receiver.arrivals().get(0));
            assertThat(receiver.requests()).isEmpty();
            JsonNode delivery = failedAttempt(subscriptionId);
            assertThat(delivery.get("status").asText()).isEqualTo("pending");
            assertThat(delivery.get("lastStatusCode").isNull()).isTrue();
            assertThat(delivery.get("lastError").asText()).isEqualTo("no answer within PT3S");
            assertThat(delivery.get("lastLatencyMs").asLong()).isBetween(2_000L, 30_000L);
            assertThat(call("DELETE", at("/webhooks/" + subscriptionId), null).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void receiverThatWasDownGetsEverythingOnceBack() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), ALL_TYPES).get("id").asText();
            receiver.down();
            List<String> opportunities = appendInterleaved(3);

            await().atMost(Duration.ofSeconds(60)).until(() -> {
                JsonNode pending = read(call("GET", at("/webhooks/" + subscriptionId + "/deliveries?status=pending"),
                        null)).get("items");
                return pending.size() == 12 && anyRetried(pending);
            });
            JsonNode failing = failedAttempt(subscriptionId);
            assertThat(failing.get("lastStatusCode").isNull()).isTrue();
            assertThat(failing.get("lastError").asText()).isNotEmpty();
            assertThat(failing.get("nextAttemptAt").asText()).isNotEmpty();

            receiver.up();

            await().atMost(Duration.ofSeconds(60)).until(() -> distinctIds(receiver.accepted()) == 12);
            Map<String, List<Long>> sequences = sequencesPerOpportunity(receiver.accepted());
            assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(opportunities);
            sequences.values().forEach(list -> assertThat(list).containsExactly(0L, 1L, 2L, 3L));
        }
    }

    @Test
    void parksDeliveryAsDeadAfterRetryPeriodAndResendsIt() throws Exception {
        try (Receiver receiver = Receiver.start().answering(attempt -> 503)) {
            String subscriptionId = subscribe(receiver.url(), ALL_TYPES).get("id").asText();
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"),
                    new OpportunityValueChanged(id, location, new BigDecimal("5.00"), "USD"));
            await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.requests().isEmpty());

            clock.advance(Duration.ofHours(25));

            String deliveries = at("/webhooks/" + subscriptionId + "/deliveries");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    read(call("GET", deliveries + "?status=dead", null)).get("items").size() == 2);
            JsonNode dead = read(call("GET", deliveries + "?status=dead", null)).get("items");
            assertThat(dead.get(0).get("lastStatusCode").asInt()).isEqualTo(503);
            assertThat(dead.get(0).get("nextAttemptAt").isNull()).isTrue();
            String firstEvent = dead.get(1).get("eventId").asText();
            int requestsWhenDead = receiver.requests().size();

            receiver.answering(attempt -> 200);
            var resent = call("POST", deliveries + "/" + firstEvent + "/resend", null);

            assertThat(resent.statusCode()).isEqualTo(202);
            assertThat(read(resent).get("status").asText()).isEqualTo("pending");
            assertThat(read(resent).get("attempts").asInt()).isZero();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    read(call("GET", deliveries + "?status=delivered", null)).get("items").size() == 1);
            assertThat(read(call("GET", deliveries + "?status=delivered", null)).get("items").get(0)
                    .get("eventId").asText()).isEqualTo(firstEvent);
            assertThat(read(call("GET", deliveries + "?status=dead", null)).get("items")).hasSize(1);
            assertThat(receiver.requests().subList(requestsWhenDead, receiver.requests().size()))
                    .extracting(Receiver.Request::webhookId).containsOnly(firstEvent);
        }
    }

    @Test
    void pagesTheDeliveryLogNewestFirst() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), ALL_TYPES).get("id").asText();
            appendInterleaved(2);
            String deliveries = at("/webhooks/" + subscriptionId + "/deliveries");
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    read(call("GET", deliveries + "?status=delivered", null)).get("items").size() == 8);

            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                JsonNode page = read(call("GET", deliveries + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor),
                        null));
                assertThat(page.get("items").size()).isLessThanOrEqualTo(3);
                page.get("items").forEach(item -> seen.add(item.get("eventId").asText()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            } while (cursor != null);

            assertThat(seen).hasSize(8).doesNotHaveDuplicates();
            assertThat(seen).containsExactlyElementsOf(eventIdsNewestFirst(subscriptionId));
        }
    }

    /** Appends four events to each of {@code count} new opportunities, interleaving the opportunities. */
    private List<String> appendInterleaved(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("opp-" + UUID.randomUUID());
        }
        for (String id : ids) {
            events.append(id, created(id, location, "p-1", "s-1"));
        }
        for (String id : ids) {
            events.append(id, moved(id, location, "p-1", "s-1", "s-2"));
        }
        for (String id : ids) {
            events.append(id, new OpportunityValueChanged(id, location, new BigDecimal("99.90"), "USD"));
        }
        for (String id : ids) {
            events.append(id, new OpportunityWon(id, location));
        }
        return ids;
    }

    private List<String> eventIdsNewestFirst(String subscriptionId) {
        return jdbc.queryForList("SELECT event_id FROM webhooks.delivery WHERE subscription_id = ?"
                + " ORDER BY delivery_id DESC", String.class, subscriptionId);
    }

    private JsonNode failedAttempt(String subscriptionId) {
        JsonNode items = read(call("GET", at("/webhooks/" + subscriptionId + "/deliveries?status=pending"), null))
                .get("items");
        for (JsonNode item : items) {
            if (item.get("attempts").asInt() > 0) {
                return item;
            }
        }
        throw new AssertionError("no failed attempt in " + items);
    }

    private static boolean anyRetried(JsonNode items) {
        for (JsonNode item : items) {
            if (item.get("attempts").asInt() >= 2) {
                return true;
            }
        }
        return false;
    }

    static long distinctIds(List<Receiver.Request> requests) {
        return requests.stream().map(Receiver.Request::webhookId).distinct().count();
    }

    /** Per opportunity, the sequence numbers in the order they first arrived. */
    static Map<String, List<Long>> sequencesPerOpportunity(List<Receiver.Request> requests) {
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        for (Receiver.Request request : requests) {
            JsonNode body = readStatic(request.body());
            List<Long> list = sequences.computeIfAbsent(body.get("opportunity").get("id").asText(),
                    id -> new ArrayList<>());
            long sequence = body.get("sequence").asLong();
            if (!list.contains(sequence)) {
                list.add(sequence);
            }
        }
        return sequences;
    }

    private static JsonNode readStatic(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }
}
