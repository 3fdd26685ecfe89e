package io.dealflow.query.deadletter;

import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The projections' dead-letter queues, read for operators and retried on their request. Each projection parks an event
 * it cannot apply together with the later events of the same deal, so one deal stops and every other deal flows on.
 */
@Component
public class DeadLetters {

    /** Longest run of one retry request: retrying stops after trying this many sequences. */
    static final int MAX_SEQUENCES_PER_RETRY = 1_000;

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    DeadLetters(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    /** Parked events per projection, every projection listed. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ReadModels.ALL.forEach(name -> counts.put(name, 0L));
        jdbc.queryForList("SELECT processing_group, count(*) AS parked FROM read_model.dead_letter_entry"
                        + " GROUP BY processing_group")
                .forEach(row -> counts.computeIfPresent((String) row.get("processing_group"),
                        (name, none) -> ((Number) row.get("parked")).longValue()));
        return counts;
    }

    /** The first {@code limit} parked events of a projection, oldest first, each with the error that parked it. */
    public List<DeadLetter> list(String projection, int limit) {
        return jdbc.query("""
                        SELECT sequence_identifier, sequence_index, event_identifier, payload_type, aggregate_identifier,
                               sequence_number, cause_type, cause_message, enqueued_at, last_touched
                        FROM read_model.dead_letter_entry
                        WHERE processing_group = ?
                        ORDER BY enqueued_at, sequence_identifier, sequence_index
                        LIMIT ?""",
                (row, i) -> new DeadLetter(row.getString("sequence_identifier"), row.getLong("sequence_index"),
                        row.getString("event_identifier"), simpleName(row.getString("payload_type")),
                        row.getString("aggregate_identifier"), (Long) row.getObject("sequence_number"),
                        row.getString("cause_type"), row.getString("cause_message"),
                        Instant.parse(row.getString("enqueued_at")),
                        row.getString("last_touched") == null ? null : Instant.parse(row.getString("last_touched"))),
                projection, limit);
    }

    /**
     * Applies the parked events of a projection again, each deal's sequence once, oldest event first. A sequence whose
     * event still fails stays parked with the new error; the others leave the queue.
     */
    public RetryOutcome retry(String projection) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + projection));
        long before = counts().get(projection);
        Set<Object> tried = new HashSet<>();
        String error = null;
        try {
            // Axon answers false both when nothing was left and when the sequence it took failed again, so each
            // round takes a sequence not tried yet, until none is left (or the bound is reached).
            int triedBefore = -1;
            while (tried.size() > triedBefore && tried.size() < MAX_SEQUENCES_PER_RETRY) {
                triedBefore = tried.size();
                processor.process(letter -> letter instanceof JdbcDeadLetter<?> parked
                        && tried.add(parked.getSequenceIdentifier()));
            }
        } catch (RuntimeException e) {
            // The retry's own transaction failed (not an event: those stay parked with their new error); it rolled
            // back, so the letters it held are as they were.
            error = e.getCause() != null ? e.getCause().toString() : e.toString();
        }
        long after = counts().get(projection);
        return new RetryOutcome(projection, before, Math.max(0, before - after), after, error);
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    /**
     * One parked event.
     *
     * @param sequence       the deal (aggregate) whose events wait behind it
     * @param sequenceIndex  its place among that deal's parked events
     * @param type           the event type
     * @param aggregateVersion the event's sequence number within its deal
     * @param errorType      class of the error that parked it
     * @param error          its message
     * @param lastTriedAt    when it was last tried, or null
     */
    public record DeadLetter(String sequence, long sequenceIndex, String eventId, String type, String aggregateId,
                             Long aggregateVersion, String errorType, String error, Instant enqueuedAt,
                             Instant lastTriedAt) {
    }

    /**
     * What a retry did.
     *
     * @param before    parked events before it
     * @param released  events it applied and took out of the queue
     * @param remaining parked events after it
     * @param error     why the retry stopped early, or null when it went through every parked sequence
     */
    public record RetryOutcome(String projection, long before, long released, long remaining, String error) {
    }
}
