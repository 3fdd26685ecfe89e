package io.dealflow.webhooks.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a subscription's deliveries for its log, newest first, paged by delivery id.
 */
@Component
class DeliveryLog {

    private static final String COLUMNS = "delivery_id, event_id, event_type, opportunity_id, status, attempts,"
            + " last_status_code, last_attempt_at, delivered_at, last_error, last_latency_ms, next_attempt_at, replay,"
            + " created_at";
    private static final RowMapper<DeliveryView> VIEW = (rs, row) -> new DeliveryView(rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("opportunity_id"), rs.getString("status"), rs.getInt("attempts"),
            (Integer) rs.getObject("last_status_code"), instant(rs.getTimestamp("last_attempt_at")),
            instant(rs.getTimestamp("delivered_at")), rs.getString("last_error"),
            (Integer) rs.getObject("last_latency_ms"),
            "pending".equals(rs.getString("status")) ? instant(rs.getTimestamp("next_attempt_at")) : null,
            rs.getBoolean("replay"), instant(rs.getTimestamp("created_at")));

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} deliveries older than {@code beforeId} (null: from the newest), optionally of a status. */
    Page page(String subscriptionId, String status, Long beforeId, int limit) {
        List<Object> arguments = new ArrayList<>(List.of(subscriptionId));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhooks.delivery"
                + " WHERE subscription_id = ?");
        if (status != null) {
            sql.append(" AND status = ?");
            arguments.add(status);
        }
        if (beforeId != null) {
            sql.append(" AND delivery_id < ?");
            arguments.add(beforeId);
        }
        sql.append(" ORDER BY delivery_id DESC LIMIT ?");
        arguments.add(limit + 1);
        List<Long> ids = new ArrayList<>();
        List<DeliveryView> rows = jdbc.query(sql.toString(), (rs, row) -> {
            ids.add(rs.getLong("delivery_id"));
            return VIEW.mapRow(rs, row);
        }, arguments.toArray());
        boolean more = rows.size() > limit;
        return new Page(more ? rows.subList(0, limit) : rows, more ? ids.get(limit - 1) : null);
    }

    Optional<DeliveryView> find(long deliveryId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhooks.delivery WHERE delivery_id = ?", VIEW, deliveryId)
                .stream().findFirst();
    }

    /** Rows of a page and the id to continue below; null when there is nothing more. */
    record Page(List<DeliveryView> items, Long lastId) {
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
