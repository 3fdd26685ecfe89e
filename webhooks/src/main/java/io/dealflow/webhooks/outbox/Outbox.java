package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.store.EventSerialization;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
        OpportunityState after = event.after();
        OpportunityState before = event.before();
        int inserted = jdbc.update("INSERT INTO webhooks.webhook_event (event_id, global_index, location_id,"
                        + " opportunity_id, event_type, occurred_at, pipeline_id, stage_id, previous_pipeline_id,"
                        + " previous_stage_id, status, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (event_id) DO NOTHING",
                event.eventId(), event.globalIndex(), after.locationId(), after.opportunityId(), event.type().name(),
                Timestamp.from(event.occurredAt()), after.pipelineId(), after.stageId(),
                before == null ? null : before.pipelineId(), before == null ? null : before.stageId(), after.status(),
                body(event));
        if (inserted == 0) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int queued = jdbc.update(QUEUE + " WHERE e.event_id = ?"
                        + " AND (e.global_index IS NULL OR e.global_index > s.starts_after) ON CONFLICT DO NOTHING",
                false, now, now, now, event.eventId());
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
                HighLevelOpportunity.of(event.after()), previous, false);
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
