package io.dealflow.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.events.EventMetadata;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.audit.verify.ExportChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a location's events in commit (global index) order: the audit index gives location, type, actor and time;
 * the event store gives identifiers, metadata and the payload exactly as stored.
 */
@Repository
class AuditLog {

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of the location passing the filter with a global index above {@code after}. */
    List<AuditEvent> page(String locationId, AuditFilter filter, long after, int limit) {
        List<Object> arguments = new ArrayList<>(List.of(locationId, after));
        StringBuilder where = new StringBuilder("a.location_id = ? AND a.global_index > ?");
        if (filter.from() != null) {
            where.append(" AND a.occurred_at >= ?");
            arguments.add(at(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND a.occurred_at < ?");
            arguments.add(at(filter.to()));
        }
        if (filter.type() != null) {
            where.append(" AND a.type = ?");
            arguments.add(filter.type());
        }
        if (filter.actor() != null) {
            where.append(" AND a.actor = ?");
            arguments.add(filter.actor());
        }
        if (filter.aggregateId() != null) {
            where.append(" AND a.aggregate_id = ?");
            arguments.add(filter.aggregateId());
        }
        arguments.add(limit);
        return jdbc.query("""
                SELECT a.global_index, a.aggregate_id, e.type AS aggregate_type, a.sequence, a.type, a.occurred_at,
                       a.actor, e.event_identifier, e.payload_type, e.payload_revision, e.payload, e.meta_data
                FROM read_model.audit_event a
                JOIN %s e ON e.global_index = a.global_index
                WHERE %s ORDER BY a.global_index LIMIT ?""".formatted(EventStoreLayout.EVENT_TABLE, where),
                (rs, n) -> event(rs), arguments.toArray());
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        ObjectNode metaData = json(rs.getBytes("meta_data"));
        JsonNode correlation = metaData.get(EventMetadata.CORRELATION_ID);
        return new AuditEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), rs.getLong("sequence"),
                rs.getString("type"), rs.getString("payload_revision"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                correlation == null || correlation.isNull() ? null : correlation.asText(), metaData,
                json(rs.getBytes("payload")));
    }

    private static ObjectNode json(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = ExportChain.parse(bytes);
            return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
        } catch (IOException e) {
            throw new UncheckedIOException("an event row does not hold JSON", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
