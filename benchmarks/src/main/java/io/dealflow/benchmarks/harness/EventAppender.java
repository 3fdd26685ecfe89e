package io.dealflow.benchmarks.harness;

import io.dealflow.events.EventMetadata;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Appends opportunity events straight to the event store, serialized by the store's own serializer with the metadata
 * of a bulk load, in batches of one transaction each; the server's projections then read them as they read any event.
 * The loaders use it to fill a location in seconds instead of minutes of commands.
 */
final class EventAppender implements AutoCloseable {

    private static final int BATCH = 5_000;

    private final Serializer serializer = EventSerialization.eventSerializer();
    private final byte[] metaData = serializer.serialize(MetaData.from(Map.of(EventMetadata.ACTOR,
            "benchmark-loader", EventMetadata.DOOR, "bulk-load")), byte[].class).getData();
    private final Connection connection;
    private final PreparedStatement insert;
    private int pending;

    EventAppender(ServerDatabase database) throws SQLException {
        connection = database.connectForBatches();
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO " + EventStoreLayout.EVENT_TABLE
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload_revision, payload, meta_data) VALUES (?, ?, ?, 'Opportunity', ?, ?, '1', ?, ?)");
    }

    /** Adds an event of the opportunity's stream; every {@value #BATCH} events are committed together. */
    void append(String opportunityId, long sequence, Instant time, Object payload) throws SQLException {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, opportunityId);
        insert.setLong(3, sequence);
        insert.setString(4, time.toString());
        insert.setString(5, payload.getClass().getName());
        insert.setBytes(6, serializer.serialize(payload, byte[].class).getData());
        insert.setBytes(7, metaData);
        insert.addBatch();
        if (++pending >= BATCH) {
            commit();
        }
    }

    /** Commits what is pending and closes the connection. */
    @Override
    public void close() throws SQLException {
        try {
            commit();
        } finally {
            insert.close();
            connection.close();
        }
    }

    private void commit() throws SQLException {
        insert.executeBatch();
        connection.commit();
        pending = 0;
    }
}
