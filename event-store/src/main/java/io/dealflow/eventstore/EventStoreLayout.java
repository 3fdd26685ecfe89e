package io.dealflow.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;

/**
 * Where the events live: the {@code event_store} schema of PostgreSQL, created by the migrations under
 * {@code db/event-store}. The command side appends to it, the query side reads it; both migrate it on start (Flyway
 * serialises concurrent starts with a lock).
 */
public final class EventStoreLayout {

    /** The PostgreSQL schema holding events and snapshots. */
    public static final String SCHEMA = "event_store";
    /** The table of domain events; its {@code global_index} is an identity column, so no gaps from id caching. */
    public static final String EVENT_TABLE = SCHEMA + ".domain_event_entry";
    /** The table of aggregate snapshots. */
    public static final String SNAPSHOT_TABLE = SCHEMA + ".snapshot_event_entry";

    private EventStoreLayout() {
    }

    /** Column names of the event and snapshot tables, for Axon's JDBC storage engine. */
    public static EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable(EVENT_TABLE)
                .snapshotTable(SNAPSHOT_TABLE)
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /** Creates or upgrades the event store tables. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .table("flyway_history")
                .locations("classpath:db/event-store")
                .load()
                .migrate();
    }
}
