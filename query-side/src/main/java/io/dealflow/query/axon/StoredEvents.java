package io.dealflow.query.axon;

import io.dealflow.eventstore.EventSerialization;
import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads the event store, the system of record, directly: the events of one aggregate, or a range of the global
 * order. Rows are read as stored and, for code that needs event objects, upcast and deserialized exactly as the
 * storage engine does, so old revisions look the same here as in aggregates and processors.
 */
@Component
public class StoredEvents {

    private static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier,"
            + " sequence_number, time_stamp, payload_type, payload_revision, payload, meta_data";
    private static final RowMapper<StoredEvent> ROW = (rs, n) -> new StoredEvent(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getBytes(9), rs.getBytes(10));

    private final JdbcTemplate jdbc;
    private final Serializer serializer = EventSerialization.eventSerializer();
    private final EventUpcasterChain upcasters = EventSerialization.upcasters();

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored events of one aggregate in sequence order (one query on the aggregate's unique index). */
    public List<StoredEvent> ofAggregate(String aggregateId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + EventStoreLayout.EVENT_TABLE
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number", ROW, aggregateId);
    }

    /**
     * Up to {@code limit} stored events of one aggregate with a sequence number above {@code afterSequence}, in
     * sequence order: one range read on the aggregate's unique index, whatever the length of its stream.
     */
    public List<StoredEvent> ofAggregate(String aggregateId, long afterSequence, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + EventStoreLayout.EVENT_TABLE
                + " WHERE aggregate_identifier = ? AND sequence_number > ? ORDER BY sequence_number LIMIT ?",
                ROW, aggregateId, afterSequence, limit);
    }

    /** Up to {@code limit} stored events with a global index in {@code (after, upTo]}, in global order. */
    public List<StoredEvent> range(long after, long upTo, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM " + EventStoreLayout.EVENT_TABLE
                + " WHERE global_index > ? AND global_index <= ? ORDER BY global_index LIMIT ?",
                ROW, after, upTo, limit);
    }

    /** When the first event after the global index was stored; empty when there is none. */
    public Optional<Instant> timeOfFirstAfter(long globalIndex) {
        return jdbc.queryForList("SELECT time_stamp FROM " + EventStoreLayout.EVENT_TABLE
                        + " WHERE global_index > ? ORDER BY global_index LIMIT 1", String.class, globalIndex)
                .stream().findFirst().map(Instant::parse);
    }

    /** The highest global index in the store; 0 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreLayout.EVENT_TABLE, Long.class);
        return head == null ? 0 : head;
    }

    /**
     * The events as messages, upcast to their current revision, each tracked at its global index. Payloads are
     * deserialized lazily, on first access.
     */
    public List<TrackedEventMessage<?>> messages(List<StoredEvent> events) {
        return EventUtils.upcastAndDeserializeTrackedEvents(events.stream().map(StoredEvents::entry), serializer,
                upcasters).toList();
    }

    /** The global index of the event a handler receives with this token. */
    public static long globalIndex(TrackingToken token) {
        TrackingToken position = WrappedToken.unwrapLowerBound(token);
        return position.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }

    private static TrackedDomainEventData<byte[]> entry(StoredEvent event) {
        return new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(event.globalIndex()),
                new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateId(), event.sequence(),
                        event.eventId(), event.timestamp(), event.payloadType(), event.payloadRevision(),
                        event.payload(), event.metaData()));
    }

    /**
     * One row of the event store as stored.
     *
     * @param timestamp ISO-8601 instant as the storage engine wrote it
     * @param payload   JSON bytes of the payload in revision {@code payloadRevision}
     * @param metaData  JSON bytes of the metadata
     */
    public record StoredEvent(long globalIndex, String eventId, String aggregateType, String aggregateId,
                              long sequence, String timestamp, String payloadType, String payloadRevision,
                              byte[] payload, byte[] metaData) {

        /** The payload's simple class name, the event's type in history and audit answers. */
        public String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }
    }
}
