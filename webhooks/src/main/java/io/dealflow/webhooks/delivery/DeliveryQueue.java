package io.dealflow.webhooks.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deliveries ({@code webhooks.delivery}) as queues: one per (subscription, opportunity), in queue order. Only the
 * head of a queue is ever sent, which keeps each opportunity's events in order for each receiver, while other queues
 * go on. A dispatcher takes a head by writing a lease on it; a lease left by a crashed instance runs out and the
 * delivery is sent again (with the same {@code webhook-id}).
 */
@Component
class DeliveryQueue {

    /**
     * Due heads, at most {@code maxInFlightPerSubscription} of one subscription counting those being sent, oldest
     * due first. Rows another dispatcher is claiming right now are skipped, and the lease is re-checked on the
     * locked row.
     */
    private static final String CLAIM = "WITH head AS ("
            + "  SELECT DISTINCT ON (subscription_id, opportunity_id) delivery_id, subscription_id, next_attempt_at,"
            + "         lease_until"
            + "  FROM webhooks.delivery WHERE status = 'pending'"
            + "  ORDER BY subscription_id, opportunity_id, queue_position),"
            + " busy AS (SELECT subscription_id, count(*) AS in_flight FROM head WHERE lease_until > ?"
            + "  GROUP BY subscription_id),"
            + " ready AS (SELECT h.delivery_id, coalesce(b.in_flight, 0)"
            + "  + row_number() OVER (PARTITION BY h.subscription_id ORDER BY h.next_attempt_at, h.delivery_id) AS slot"
            + "  FROM head h LEFT JOIN busy b ON b.subscription_id = h.subscription_id"
            + "  WHERE h.next_attempt_at <= ? AND (h.lease_until IS NULL OR h.lease_until <= ?))"
            + " SELECT d.delivery_id FROM webhooks.delivery d JOIN ready r ON r.delivery_id = d.delivery_id"
            + " WHERE r.slot <= ? AND d.status = 'pending' AND (d.lease_until IS NULL OR d.lease_until <= ?)"
            + " ORDER BY d.next_attempt_at, d.delivery_id LIMIT ?"
            + " FOR UPDATE OF d SKIP LOCKED";
    private static final RowMapper<ClaimedDelivery> CLAIMED = (rs, row) -> new ClaimedDelivery(
            rs.getLong("delivery_id"), rs.getString("event_id"), rs.getString("url"), rs.getString("secret"),
            rs.getString("previous_secret"), instant(rs.getTimestamp("previous_secret_expires_at")),
            rs.getString("body"), rs.getBoolean("replay"), rs.getInt("attempts"),
            instant(rs.getTimestamp("cycle_started_at")));
    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    DeliveryQueue(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Leases up to {@code limit} due heads to {@code owner} until {@code leaseUntil}. */
    List<ClaimedDelivery> claim(int limit, int maxInFlightPerSubscription, String owner, Instant now,
                                Instant leaseUntil) {
        Timestamp at = Timestamp.from(now);
        return transaction.execute(status -> {
            List<Long> ids = jdbc.queryForList(CLAIM, Long.class, at, at, at, maxInFlightPerSubscription, at, limit);
            if (ids.isEmpty()) {
                return List.of();
            }
            Long[] claimed = ids.toArray(Long[]::new);
            jdbc.update("UPDATE webhooks.delivery SET lease_owner = ?, lease_until = ? WHERE delivery_id = ANY (?)",
                    owner, Timestamp.from(leaseUntil), claimed);
            return jdbc.query("SELECT d.delivery_id, d.event_id, s.url, s.secret, s.previous_secret,"
                    + " s.previous_secret_expires_at, e.body, d.replay, d.attempts, d.cycle_started_at"
                    + " FROM webhooks.delivery d JOIN webhooks.subscription s ON s.subscription_id = d.subscription_id"
                    + " JOIN webhooks.webhook_event e ON e.event_id = d.event_id"
                    + " WHERE d.delivery_id = ANY (?) ORDER BY d.next_attempt_at, d.delivery_id", CLAIMED,
                    (Object) claimed);
        });
    }

    void delivered(ClaimedDelivery delivery, String owner, int statusCode, long latencyMillis, Instant at) {
        jdbc.update("UPDATE webhooks.delivery SET status = 'delivered', attempts = attempts + 1,"
                        + " last_status_code = ?, last_error = NULL, last_latency_ms = ?, last_attempt_at = ?,"
                        + " delivered_at = ?, lease_owner = NULL, lease_until = NULL"
                        + " WHERE delivery_id = ? AND lease_owner = ?",
                statusCode, latencyMillis, Timestamp.from(at), Timestamp.from(at), delivery.deliveryId(), owner);
    }

    /**
     * Notes a failed attempt: retried at {@code nextAttemptAt}, or parked as {@code dead} when that is null.
     *
     * @param statusCode the receiver's answer; null when there was none (timeout, refused connection)
     */
    void failed(ClaimedDelivery delivery, String owner, Integer statusCode, String error, Long latencyMillis,
                Instant at, Instant nextAttemptAt) {
        String shortError = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        jdbc.update("UPDATE webhooks.delivery SET status = ?, attempts = attempts + 1, last_status_code = ?,"
                        + " last_error = ?, last_latency_ms = ?, last_attempt_at = ?, next_attempt_at = ?,"
                        + " lease_owner = NULL, lease_until = NULL WHERE delivery_id = ? AND lease_owner = ?",
                nextAttemptAt == null ? "dead" : "pending", statusCode, shortError, latencyMillis, Timestamp.from(at),
                Timestamp.from(nextAttemptAt == null ? at : nextAttemptAt), delivery.deliveryId(), owner);
    }

    /** Gives back a lease without counting an attempt: the delivery was not (known to be) sent. */
    void release(ClaimedDelivery delivery, String owner) {
        jdbc.update("UPDATE webhooks.delivery SET lease_owner = NULL, lease_until = NULL"
                + " WHERE delivery_id = ? AND lease_owner = ?", delivery.deliveryId(), owner);
    }

    /** Gives back every lease of {@code owner}, when it shuts down. */
    void releaseAll(String owner) {
        jdbc.update("UPDATE webhooks.delivery SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ?",
                owner);
    }

    /**
     * Sends the subscription's latest delivery of the event again, at the back of its opportunity's queue and with
     * a fresh retry period; one still pending is only made due now.
     *
     * @return the delivery's id; empty when the subscription never had a delivery of that event
     */
    Optional<Long> resend(String subscriptionId, String eventId, Instant now) {
        Timestamp at = Timestamp.from(now);
        return transaction.execute(status -> {
            Optional<Long> latest = jdbc.queryForList("SELECT delivery_id FROM webhooks.delivery"
                            + " WHERE subscription_id = ? AND event_id = ? ORDER BY delivery_id DESC LIMIT 1 FOR UPDATE",
                    Long.class, subscriptionId, eventId).stream().findFirst();
            latest.ifPresent(id -> jdbc.update("UPDATE webhooks.delivery SET next_attempt_at = ?,"
                    + " queue_position = CASE WHEN status = 'pending' THEN queue_position"
                    + " ELSE nextval('webhooks.delivery_queue_position') END,"
                    + " attempts = CASE WHEN status = 'pending' THEN attempts ELSE 0 END,"
                    + " cycle_started_at = CASE WHEN status = 'pending' THEN cycle_started_at ELSE ? END,"
                    + " delivered_at = NULL, status = 'pending' WHERE delivery_id = ?", at, at, id));
            return latest;
        });
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
