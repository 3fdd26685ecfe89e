package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.eventstore.EventSerialization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * Records webhook events with their bodies frozen, and queues deliveries of them: one per matching subscription for a
 * new event, and again, marked as replays, on request. Every delivery row is written here, in the caller's
 * transaction.
 */
@Component
public class Outbox {

    /**
     * When subscription {@code s} wants event {@code e}: its location and type, and its filters, where pipeline and
     * stage match the opportunity before or after the event (so a move out of a stage reaches that stage's
     * subscribers) and status matches after it.
     */
    private static final String MATCH = "s.location_id = e.location_id AND e.event_type = ANY (s.event_types)"
            + " AND (s.pipeline_id IS NULL OR s.pipeline_id IN (e.pipeline_id, e.previous_pipeline_id))"
            + " AND (s.stage_id IS NULL OR s.stage_id IN (e.stage_id, e.previous_stage_id))"
            + " AND (s.status IS NULL OR s.status = e.status)";
    private static final String QUEUE = "INSERT INTO webhooks.delivery (subscription_id, event_id, opportunity_id,"
            + " event_type, replay, status, created_at, cycle_started_at, next_attempt_at)"
            + " SELECT s.subscription_id, e.event_id, e.opportunity_id, e.event_type, ?, 'pending', ?, ?, ?"
            + " FROM webhooks.webhook_event e JOIN webhooks.subscription s ON " + MATCH;
    /**
     * Inserts the events in the order given (their positions follow it) and queues the inserted ones for the
     * subscriptions created before them, in position order, so each queue keeps the events' order.
     */
    private static final String RECORD = """
            WITH e AS (
                INSERT INTO webhooks.webhook_event (event_id, global_index, location_id, opportunity_id, event_type,
                    occurred_at, pipeline_id, stage_id, previous_pipeline_id, previous_stage_id, status, body)
                SELECT v.event_id, v.global_index, v.location_id, v.opportunity_id, v.event_type, v.occurred_at,
                    v.pipeline_id, v.stage_id, v.previous_pipeline_id, v.previous_stage_id, v.status, v.body
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS v (event_id, global_index, location_id, opportunity_id, event_type, occurred_at, pipeline_id,
                    stage_id, previous_pipeline_id, previous_stage_id, status, body, n)
                ORDER BY v.n
                ON CONFLICT (event_id) DO NOTHING
                RETURNING *)
            INSERT INTO webhooks.delivery (subscription_id, event_id, opportunity_id, event_type, replay, status,
                created_at, cycle_started_at, next_attempt_at)
            SELECT s.subscription_id, e.event_id, e.opportunity_id, e.event_type, false, 'pending', ?, ?, ?
            FROM e JOIN webhooks.subscription s ON %s
            WHERE e.global_index IS NULL OR e.global_index > s.starts_after
            ORDER BY e.position
            ON CONFLICT DO NOTHING""".formatted(MATCH);
    private static final String LIVE_BODY_END = "\"replay\":false}";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<DeliveryListener> listeners;
    private final ObjectMapper json = EventSerialization.eventMapper()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    Outbox(JdbcTemplate jdbc, Clock clock, ObjectProvider<DeliveryListener> listeners) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.listeners = listeners;
    }

    /**
     * Records the event and queues it for every subscription that wants it and was created before it happened.
     * Recording an event twice changes nothing.
     *
     * @return the number of deliveries queued
     */
    public int record(WebhookEvent event) {
        return recordAll(List.of(event));
    }

    /**
     * Records the events, in this order, and queues each for every subscription that wants it and was created before
     * it happened, with one statement: the events inserted (not those recorded before) feed the deliveries' insert.
     * Recording an event twice changes nothing.
     *
     * @return the number of deliveries queued
     */
    public int recordAll(List<WebhookEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        String[][] columns = new String[12][events.size()];
        for (int row = 0; row < events.size(); row++) {
            WebhookEvent event = events.get(row);
            OpportunityState after = event.after();
            OpportunityState before = event.before();
            columns[0][row] = event.eventId();
            columns[1][row] = event.globalIndex() == null ? null : event.globalIndex().toString();
            columns[2][row] = after.locationId();
            columns[3][row] = after.opportunityId();
            columns[4][row] = event.type().name();
            columns[5][row] = event.occurredAt().toString();
            columns[6][row] = after.pipelineId();
            columns[7][row] = after.stageId();
            columns[8][row] = before == null ? null : before.pipelineId();
            columns[9][row] = before == null ? null : before.stageId();
            columns[10][row] = after.status();
            columns[11][row] = body(event);
        }
        Object[] arguments = new Object[columns.length + 3];
        System.arraycopy(columns, 0, arguments, 0, columns.length);
        Timestamp now = Timestamp.from(clock.instant());
        Arrays.fill(arguments, columns.length, arguments.length, now);
        int queued = jdbc.update(RECORD, arguments);
        notifyAfterCommit(queued);
        return queued;
    }

    /**
     * Queues again, marked as replays and in the order they were recorded, every event since {@code from} that the
     * subscription wants now. Event times have millisecond precision in the event store, so {@code from} is compared
     * at millisecond precision too: an event in the same millisecond counts as since.
     *
     * @return the number of deliveries queued
     */
    public int replaySince(String subscriptionId, Instant from) {
        Timestamp now = Timestamp.from(clock.instant());
        int queued = jdbc.update(QUEUE + " WHERE s.subscription_id = ? AND e.occurred_at >= ? ORDER BY e.position",
                true, now, now, now, subscriptionId, Timestamp.from(from.truncatedTo(ChronoUnit.MILLIS)));
        notifyAfterCommit(queued);
        return queued;
    }

    /**
     * Like {@link #replaySince(String, Instant)}, from the first event at or after an event store position (a
     * {@code globalIndex}); triggers recorded after that event are included.
     */
    public int replaySince(String subscriptionId, long globalIndex) {
        Timestamp now = Timestamp.from(clock.instant());
        int queued = jdbc.update(QUEUE + " WHERE s.subscription_id = ? AND e.position >= (SELECT min(position)"
                        + " FROM webhooks.webhook_event WHERE global_index >= ?) ORDER BY e.position",
                true, now, now, now, subscriptionId, globalIndex);
        notifyAfterCommit(queued);
        return queued;
    }

    /** The body of a replayed delivery: the recorded body with {@code "replay": true}. */
    public static String asReplay(String body) {
        // Bodies are written by body() below, which ends every one with the replay flag; swapping those bytes keeps
        // the rest of the body exactly as recorded (a JSON round trip could reformat decimals).
        if (!body.endsWith(LIVE_BODY_END)) {
            throw new IllegalStateException("not a recorded webhook body");
        }
        return body.substring(0, body.length() - "false}".length()) + "true}";
    }

    private String body(WebhookEvent event) {
        OpportunityState before = event.before();
        WebhookPayload.Previous previous = before == null || !event.type().carriesPrevious() ? null
                : new WebhookPayload.Previous(before.pipelineId(), before.stageId(), before.status(),
                before.monetaryValue(), before.assignedTo());
        WebhookPayload payload = new WebhookPayload(event.type().name(), event.eventId(),
                HighLevelOpportunity.format(event.occurredAt()), event.after().locationId(), event.sequence(),
                HighLevelOpportunity.of(event.after()), previous, event.note(), event.task(), false);
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body of " + event.eventId(), e);
        }
    }

    private void notifyAfterCommit(int queued) {
        if (queued == 0) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    listeners.forEach(DeliveryListener::deliveriesQueued);
                }
            });
        } else {
            listeners.forEach(DeliveryListener::deliveriesQueued);
        }
    }
}
