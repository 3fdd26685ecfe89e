package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.WebhookApiTest;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The outbox writes a processor batch at once: these tests hand batches to {@link OutboxBatch} exactly as the
 * projection does (so their composition is known), and break the processor's own batches to see them roll back.
 */
class OutboxBatchTest extends WebhookApiTest {

    /** Fails every insert of an event of an opportunity whose id starts with {@code boom-}, counting the attempts. */
    private static final String BOOM = """
            CREATE SEQUENCE IF NOT EXISTS public.boom_attempts;
            CREATE OR REPLACE FUNCTION public.boom() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM nextval('public.boom_attempts');
                RAISE EXCEPTION 'boom: %', NEW.opportunity_id;
            END $$;
            CREATE TRIGGER boom BEFORE INSERT ON webhooks.webhook_event FOR EACH ROW
                WHEN (NEW.opportunity_id LIKE 'boom-%') EXECUTE FUNCTION public.boom()""";

    private static final String[] ALL_TYPES = {"OpportunityCreate", "OpportunityStageUpdate",
            "OpportunityStatusUpdate", "OpportunityMonetaryValueUpdate", "OpportunityAssignedToUpdate",
            "OpportunityUpdate", "OpportunityDelete"};

    @Autowired
    private OpportunitySnapshots snapshots;
    @Autowired
    private OpportunityItems items;
    @Autowired
    private Outbox outbox;
    @Autowired
    private TransactionTemplate transaction;
    @Autowired
    private Configuration axon;

    @AfterEach
    void defuse() {
        jdbc.execute("DROP TRIGGER IF EXISTS boom ON webhooks.webhook_event");
    }

    @Test
    void severalEventsOfOneDealInOneBatchGetTheirOwnFrozenBodiesInOrder() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            subscribe(receiver.url(), withNotes());
            String id = "opp-" + UUID.randomUUID();
            Instant t0 = clock.instant();

            flush(batch -> {
                add(batch, id, created(id, location, "p-1", "s-1"), t0, 0);
                add(batch, id, moved(id, location, "p-1", "s-1", "s-2"), t0.plusSeconds(1), 1);
                add(batch, id, new OpportunityValueChanged(id, location, new BigDecimal("250.00"), "EUR"),
                        t0.plusSeconds(2), 2);
                add(batch, id, new OpportunityNoteAdded(id, location, "n-1", "called"), t0.plusSeconds(3), 3);
                add(batch, id, new OpportunityWon(id, location), t0.plusSeconds(4), 4);
            });

            List<JsonNode> bodies = bodies(id);
            assertThat(bodies).extracting(body -> body.get("type").asText()).containsExactly("OpportunityCreate",
                    "OpportunityStageUpdate", "OpportunityMonetaryValueUpdate", "NoteCreate",
                    "OpportunityStatusUpdate");
            assertThat(bodies).extracting(body -> body.get("sequence").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(bodies).extracting(body -> body.get("opportunity").get("indexVersion").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L);
            JsonNode move = bodies.get(1);
            assertThat(move.get("previous").get("stageId").asText()).isEqualTo("s-1");
            assertThat(move.get("opportunity").get("pipelineStageId").asText()).isEqualTo("s-2");
            assertThat(move.get("opportunity").get("monetaryValue").decimalValue()).isEqualByComparingTo("1000");
            JsonNode value = bodies.get(2);
            assertThat(value.get("previous").get("monetaryValue").decimalValue()).isEqualByComparingTo("1000");
            assertThat(value.get("opportunity").get("monetaryValue").decimalValue()).isEqualByComparingTo("250");
            assertThat(value.get("opportunity").get("status").asText()).isEqualTo("open");
            JsonNode note = bodies.get(3);
            assertThat(note.has("previous")).isFalse();
            assertThat(note.has("task")).isFalse();
            assertThat(note.get("note").get("id").asText()).isEqualTo("n-1");
            assertThat(note.get("note").get("body").asText()).isEqualTo("called");
            assertThat(note.get("note").get("createdBy").asText()).isEqualTo("key-1");
            assertThat(note.get("opportunity").get("currency").asText()).isEqualTo("EUR");
            JsonNode won = bodies.get(4);
            assertThat(won.has("note")).isFalse();
            assertThat(won.get("previous").get("status").asText()).isEqualTo("open");
            assertThat(won.get("opportunity").get("status").asText()).isEqualTo("won");
            assertThat(won.get("opportunity").get("currency").asText()).isEqualTo("EUR");
            assertThat(deliveredEventsInQueueOrder(id)).containsExactlyElementsOf(eventIds(id));
            OpportunityState stored = snapshots.findAll(List.of(id)).get(id);
            assertThat(stored.version()).isEqualTo(5);
            assertThat(stored.status()).isEqualTo("won");
            assertThat(stored.lastStageChangeAt()).isEqualTo(t0.plusSeconds(1));

            flush(batch -> add(batch, id, new OpportunityRenamed(id, location, "Next batch"), t0.plusSeconds(5), 5));

            JsonNode renamed = bodies(id).get(5);
            assertThat(renamed.get("opportunity").get("name").asText()).isEqualTo("Next batch");
            assertThat(renamed.get("opportunity").get("indexVersion").asLong()).isEqualTo(6);
            assertThat(renamed.get("opportunity").get("status").asText()).isEqualTo("won");
        }
    }

    @Test
    void taskKeptBetweenBatchesShowsWholeInLaterDeliveriesAndIsForgottenWhenDeleted() {
        String id = "opp-" + UUID.randomUUID();
        Instant t0 = clock.instant();
        Instant due = Instant.parse("2026-04-01T08:00:00Z");

        flush(batch -> {
            add(batch, id, created(id, location, "p-1", "s-1"), t0, 0);
            add(batch, id, new OpportunityTaskAdded(id, location, "t-1", "Book demo", due, "u-9"), t0, 1);
        });
        flush(batch -> add(batch, id, new OpportunityTaskCompleted(id, location, "t-1"), t0.plusSeconds(1), 2));
        assertThat(storedItems(id)).isEqualTo(1);
        flush(batch -> add(batch, id, new OpportunityTaskDeleted(id, location, "t-1"), t0.plusSeconds(2), 3));

        List<JsonNode> bodies = bodies(id);
        assertThat(bodies).extracting(body -> body.get("type").asText())
                .containsExactly("OpportunityCreate", "TaskCreate", "TaskComplete", "TaskDelete");
        JsonNode completed = bodies.get(2).get("task");
        assertThat(completed.get("title").asText()).isEqualTo("Book demo");
        assertThat(completed.get("dueAt").asText()).isEqualTo("2026-04-01T08:00:00.000Z");
        assertThat(completed.get("assignedTo").asText()).isEqualTo("u-9");
        assertThat(completed.get("createdBy").asText()).isEqualTo("key-1");
        assertThat(completed.get("status").asText()).isEqualTo("completed");
        assertThat(bodies.get(3).get("task").get("title").asText()).isEqualTo("Book demo");
        assertThat(bodies.get(3).get("task").get("status").asText()).isEqualTo("completed");
        assertThat(storedItems(id)).isZero();
    }

    @Test
    void noteOrTaskFoundNeitherKeptNorInTheEventStoreIsDeliveredWithWhatItsEventSays() {
        String id = "opp-" + UUID.randomUUID();
        Instant t0 = clock.instant();

        // These batches are handed to the outbox directly: the event store has no event of this deal.
        flush(batch -> add(batch, id, created(id, location, "p-1", "s-1"), t0, 0));
        flush(batch -> {
            add(batch, id, new OpportunityTaskCompleted(id, location, "old-task"), t0.plusSeconds(1), 1);
            add(batch, id, new OpportunityNoteEdited(id, location, "old-note", "rewritten"), t0.plusSeconds(2), 2);
        });

        JsonNode task = bodies(id).get(1).get("task");
        assertThat(task.get("id").asText()).isEqualTo("old-task");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("title").isNull()).isTrue();
        JsonNode note = bodies(id).get(2).get("note");
        assertThat(note.get("id").asText()).isEqualTo("old-note");
        assertThat(note.get("body").asText()).isEqualTo("rewritten");
        assertThat(note.get("createdAt").isNull()).isTrue();
    }

    @Test
    void batchOfDealsOfSeveralLocationsQueuesOnlyForTheSubscribedLocation() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            subscribe(receiver.url(), ALL_TYPES);
            String here = "opp-" + UUID.randomUUID();
            String elsewhere = "opp-" + UUID.randomUUID();
            String otherLocation = location + "-other";
            Instant t0 = clock.instant();

            flush(batch -> {
                add(batch, here, created(here, location, "p-1", "s-1"), t0, 0);
                add(batch, elsewhere, created(elsewhere, otherLocation, "p-9", "s-9"), t0, 0);
                add(batch, elsewhere, moved(elsewhere, otherLocation, "p-9", "s-9", "s-8"), t0.plusSeconds(1), 1);
                add(batch, here, moved(here, location, "p-1", "s-1", "s-2"), t0.plusSeconds(1), 1);
            });

            assertThat(bodies(here)).extracting(body -> body.get("locationId").asText()).containsOnly(location);
            assertThat(bodies(elsewhere)).extracting(body -> body.get("opportunity").get("pipelineStageId").asText())
                    .containsExactly("s-9", "s-8");
            assertThat(deliveredEventsInQueueOrder(here)).containsExactlyElementsOf(eventIds(here));
            assertThat(deliveredEventsInQueueOrder(elsewhere)).isEmpty();
            assertThat(snapshots.findAll(List.of(here, elsewhere))).hasSize(2)
                    .allSatisfy((opportunity, state) -> assertThat(state.version()).isEqualTo(2));
        }
    }

    @Test
    void eventsBeforeASubscriptionsCreationInTheBatchAreNotQueuedForIt() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), ALL_TYPES).get("id").asText();
            long startsAfter = jdbc.queryForObject("SELECT starts_after FROM webhooks.subscription"
                    + " WHERE subscription_id = ?", Long.class, subscriptionId);
            String early = "opp-" + UUID.randomUUID();
            String late = "opp-" + UUID.randomUUID();
            Instant t0 = clock.instant();
            Consumer<OutboxBatch> events = batch -> {
                batch.add("evt-" + early + "-0", early, created(early, location, "p-1", "s-1"), t0, 0,
                        startsAfter - 1, null);
                batch.add("evt-" + early + "-1", early, new OpportunityRenamed(early, location, "old"), t0, 1,
                        startsAfter, null);
                batch.add("evt-" + early + "-2", early, new OpportunityWon(early, location), t0, 2,
                        startsAfter + 1, null);
                batch.add("evt-" + late + "-0", late, created(late, location, "p-1", "s-1"), t0, 0,
                        startsAfter + 2, null);
            };

            flush(events);

            assertThat(eventIds(early)).hasSize(3);
            assertThat(deliveredEventsInQueueOrder(early)).containsExactly("evt-" + early + "-2");
            assertThat(deliveredEventsInQueueOrder(late)).containsExactly("evt-" + late + "-0");

            flush(events);

            assertThat(eventIds(early)).hasSize(3);
            assertThat(deliveredEventsInQueueOrder(early)).hasSize(1);
            assertThat(deliveredEventsInQueueOrder(late)).hasSize(1);
        }
    }

    @Test
    void failureMidBatchWritesNothingOfTheBatch() {
        jdbc.execute(BOOM);
        String fine = "opp-" + UUID.randomUUID();
        String boom = "boom-" + UUID.randomUUID();
        Instant t0 = clock.instant();

        assertThatThrownBy(() -> flush(batch -> {
            add(batch, fine, created(fine, location, "p-1", "s-1"), t0, 0);
            add(batch, boom, created(boom, location, "p-1", "s-1"), t0, 0);
        })).hasMessageContaining("boom");

        assertThat(eventIds(fine)).isEmpty();
        assertThat(snapshots.findAll(List.of(fine, boom))).isEmpty();
    }

    @Test
    void processorBatchThatFailsRollsBackWithItsTokenAndIsRetried() {
        jdbc.execute(BOOM);
        long attemptsBefore = boomAttempts();
        String boom = "boom-" + UUID.randomUUID();
        String fine = sameSegmentAs(boom);
        transaction.executeWithoutResult(status -> {
            events.append(fine, created(fine, location, "p-1", "s-1"));
            events.append(boom, created(boom, location, "p-1", "s-1"), moved(boom, location, "p-1", "s-1", "s-2"));
            events.append(fine, new OpportunityRenamed(fine, location, "after boom"));
        });
        long boomFrom = jdbc.queryForObject("SELECT min(global_index) FROM " + EventStoreLayout.EVENT_TABLE
                + " WHERE aggregate_identifier = ?", Long.class, boom);

        // A second attempt starts only after the first one's transaction has rolled back.
        await().atMost(Duration.ofSeconds(60)).until(() -> boomAttempts() >= attemptsBefore + 2);

        long committed = committedPosition(boom);
        assertThat(committed).isLessThan(boomFrom);
        assertThat(eventIds(boom)).isEmpty();
        assertThat(snapshots.findAll(List.of(boom))).isEmpty();
        assertThat(jdbc.queryForList("SELECT global_index FROM webhooks.webhook_event WHERE opportunity_id = ?",
                Long.class, fine)).allSatisfy(index -> assertThat(index).isLessThanOrEqualTo(committed));

        defuse();

        await().atMost(Duration.ofSeconds(60)).until(() -> eventIds(fine).size() == 2 && eventIds(boom).size() == 2);
        assertThat(committedPosition(boom)).isGreaterThan(boomFrom);
        assertThat(snapshots.findAll(List.of(boom)).get(boom).stageId()).isEqualTo("s-2");
        assertThat(bodies(fine).get(1).get("opportunity").get("name").asText()).isEqualTo("after boom");
    }

    private static String[] withNotes() {
        String[] types = Arrays.copyOf(ALL_TYPES, ALL_TYPES.length + 1);
        types[ALL_TYPES.length] = "NoteCreate";
        return types;
    }

    private void flush(Consumer<OutboxBatch> events) {
        transaction.executeWithoutResult(status -> {
            OutboxBatch batch = new OutboxBatch();
            events.accept(batch);
            batch.flush(snapshots, items, outbox);
        });
    }

    private static void add(OutboxBatch batch, String opportunityId, Object event, Instant at, long sequence) {
        batch.add("evt-" + opportunityId + "-" + sequence, opportunityId, event, at, sequence, null, "key-1");
    }

    private long storedItems(String opportunityId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.opportunity_item WHERE opportunity_id = ?",
                Long.class, opportunityId);
        return count == null ? 0 : count;
    }

    private List<JsonNode> bodies(String opportunityId) {
        return jdbc.queryForList("SELECT body FROM webhooks.webhook_event WHERE opportunity_id = ? ORDER BY position",
                String.class, opportunityId).stream().map(this::read).toList();
    }

    private List<String> eventIds(String opportunityId) {
        return jdbc.queryForList("SELECT event_id FROM webhooks.webhook_event WHERE opportunity_id = ?"
                + " ORDER BY position", String.class, opportunityId);
    }

    private List<String> deliveredEventsInQueueOrder(String opportunityId) {
        return jdbc.queryForList("SELECT event_id FROM webhooks.delivery WHERE opportunity_id = ?"
                + " ORDER BY queue_position", String.class, opportunityId);
    }

    private long boomAttempts() {
        return jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM public.boom_attempts",
                Long.class);
    }

    /** An opportunity id that the outbox processor handles in the same segment as the given one. */
    private String sameSegmentAs(String opportunityId) {
        int segment = segmentIds().stream().filter(id -> segment(id).matches(opportunityId)).findFirst().orElseThrow();
        String candidate;
        do {
            candidate = "opp-" + UUID.randomUUID();
        } while (!segment(segment).matches(candidate));
        return candidate;
    }

    /** The committed token position of the segment that handles the opportunity. */
    private long committedPosition(String opportunityId) {
        List<Map<String, Object>> tokens = jdbc.queryForList("SELECT segment, token, token_type"
                + " FROM webhooks.token_entry WHERE processor_name = ?", OutboxProjection.GROUP);
        for (Map<String, Object> row : tokens) {
            if (segment((Integer) row.get("segment")).matches(opportunityId)) {
                TrackingToken token = axon.serializer().deserialize(new SimpleSerializedObject<>(
                        (byte[]) row.get("token"), byte[].class, (String) row.get("token_type"), null));
                return token == null ? -1 : token.position().orElse(-1);
            }
        }
        throw new IllegalStateException("no token of a segment handling " + opportunityId);
    }

    private Segment segment(int segmentId) {
        return Segment.computeSegment(segmentId, segmentIds().stream().mapToInt(Integer::intValue).toArray());
    }

    private List<Integer> segmentIds() {
        return jdbc.queryForList("SELECT segment FROM webhooks.token_entry WHERE processor_name = ? ORDER BY segment",
                Integer.class, OutboxProjection.GROUP);
    }
}
