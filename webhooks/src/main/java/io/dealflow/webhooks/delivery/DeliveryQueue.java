package io.dealflow.webhooks.delivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
     * Due, unleased heads of queues, oldest due first, but only as many per subscription and per location as still
     * fit beside those this instance is sending: heads of a subscription or location at its cap are skipped, so what
     * is claimed is work a free thread may do at once. The in-flight counts come in as parallel arrays (ids, counts);
     * the caps are applied per subscription first, then per location, in the same oldest-due-first order.
     */
    private static final String DUE_HEADS = "WITH busy_subscription AS ("
            + " SELECT * FROM unnest(?::text[], ?::int[]) AS b(subscription_id, in_flight)),"
            + " busy_location AS (SELECT * FROM unnest(?::text[], ?::int[]) AS b(location_id, in_flight)),"
            + " head AS (SELECT DISTINCT ON (subscription_id, opportunity_id) delivery_id, subscription_id,"
            + "  next_attempt_at, lease_until FROM webhooks.delivery WHERE status = 'pending'"
            + "  ORDER BY subscription_id, opportunity_id, queue_position),"
            + " due AS (SELECT h.delivery_id, h.next_attempt_at, s.location_id, coalesce(b.in_flight, 0)"
            + "  + row_number() OVER (PARTITION BY h.subscription_id ORDER BY h.next_attempt_at, h.delivery_id)"
            + "  AS subscription_slot FROM head h"
            + "  JOIN webhooks.subscription s ON s.subscription_id = h.subscription_id"
            + "  LEFT JOIN busy_subscription b ON b.subscription_id = h.subscription_id"
            + "  WHERE h.next_attempt_at <= ? AND (h.lease_until IS NULL OR h.lease_until <= ?)),"
            + " fits AS (SELECT d.delivery_id, d.next_attempt_at, coalesce(b.in_flight, 0)"
            + "  + row_number() OVER (PARTITION BY d.location_id ORDER BY d.next_attempt_at, d.delivery_id)"
            + "  AS location_slot FROM due d LEFT JOIN busy_location b ON b.location_id = d.location_id"
            + "  WHERE d.subscription_slot <= ?)"
            + " SELECT delivery_id FROM fits WHERE location_slot <= ? ORDER BY next_attempt_at, delivery_id LIMIT ?";
    /**
     * Leases the chosen heads that are still pending and free; rows another dispatcher is leasing right now are
     * skipped. A head stays the head until it leaves {@code pending} (resends and replays queue behind), so checking
     * that is enough.
     */
    private static final String LEASE = "UPDATE webhooks.delivery SET lease_owner = ?, lease_until = ?"
            + " WHERE delivery_id IN (SELECT delivery_id FROM webhooks.delivery WHERE delivery_id = ANY (?)"
            + " AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?) FOR UPDATE SKIP LOCKED)"
            + " RETURNING delivery_id";
    private static final RowMapper<ClaimedDelivery> CLAIMED = (rs, row) -> new ClaimedDelivery(
            rs.getLong("delivery_id"), rs.getString("subscription_id"), rs.getString("location_id"),
            rs.getString("opportunity_id"), rs.getString("event_id"), rs.getString("url"), rs.getString("secret"),
            rs.getString("previous_secret"), instant(rs.getTimestamp("previous_secret_expires_at")),
            rs.getString("body"), rs.getBoolean("replay"), rs.getInt("attempts"),
            instant(rs.getTimestamp("cycle_started_at")));
    private static final String DETAILS = "SELECT d.delivery_id, d.subscription_id, s.location_id,"
            + " d.opportunity_id, d.event_id, s.url, s.secret, s.previous_secret, s.previous_secret_expires_at, e.body, d.replay, d.attempts,"
            + " d.cycle_started_at"
            + " FROM webhooks.delivery d JOIN webhooks.subscription s ON s.subscription_id = d.subscription_id"
            + " JOIN webhooks.webhook_event e ON e.event_id = d.event_id";
    private static final int MAX_ERROR_LENGTH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    DeliveryQueue(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Leases up to {@code limit} due heads to {@code owner} until {@code leaseUntil}, skipping those of subscriptions
     * and locations that {@code inFlight} shows at their cap (counting what this instance is sending).
     */
    List<ClaimedDelivery> claim(int limit, Bulkhead.InFlight inFlight, String owner, Instant now,
                                Instant leaseUntil) {
        Timestamp at = Timestamp.from(now);
        return transaction.execute(status -> {
            Object[] subscriptions = idsAndCounts(inFlight.bySubscription());
            Object[] locations = idsAndCounts(inFlight.byLocation());
            List<Long> chosen = jdbc.queryForList(DUE_HEADS, Long.class, subscriptions[0], subscriptions[1],
                    locations[0], locations[1], at, at, inFlight.maxPerSubscription(), inFlight.maxPerLocation(),
                    limit);
            if (chosen.isEmpty()) {
                return List.of();
            }
            Long[] leased = jdbc.queryForList(LEASE, Long.class, owner, Timestamp.from(leaseUntil),
                    chosen.toArray(Long[]::new), at).toArray(Long[]::new);
            if (leased.length == 0) {
                return List.of();
            }
            return jdbc.query(DETAILS + " WHERE d.delivery_id = ANY (?) ORDER BY d.next_attempt_at, d.delivery_id",
                    CLAIMED, (Object) leased);
        });
    }

    /**
     * Leases the new head of a queue whose head was just delivered, if it is due: the sender goes on with the same
     * opportunity's next delivery without waiting for a poll, which is what keeps a backlog moving fast. The lease is
     * re-checked on the locked row, so a poll of another instance taking the same head makes this one give way.
     */
    Optional<ClaimedDelivery> claimNextInQueue(ClaimedDelivery delivered, String owner, Instant now,
                                               Instant leaseUntil) {
        Timestamp at = Timestamp.from(now);
        return transaction.execute(status -> jdbc.queryForList("UPDATE webhooks.delivery d"
                                + " SET lease_owner = ?, lease_until = ? WHERE d.delivery_id = ("
                                + "  SELECT delivery_id FROM webhooks.delivery WHERE subscription_id = ?"
                                + "  AND opportunity_id = ? AND status = 'pending' ORDER BY queue_position LIMIT 1)"
                                + " AND d.status = 'pending' AND d.next_attempt_at <= ?"
                                + " AND (d.lease_until IS NULL OR d.lease_until <= ?) RETURNING d.delivery_id",
                        Long.class, owner, Timestamp.from(leaseUntil), delivered.subscriptionId(),
                        delivered.opportunityId(), at, at)
                .stream().findFirst()
                .flatMap(id -> jdbc.query(DETAILS + " WHERE d.delivery_id = ?", CLAIMED, id).stream().findFirst()));
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
                            + " WHERE subscription_id = ? AND event_id = ? ORDER BY delivery_id DESC LIMIT 1"
                            + " FOR UPDATE",
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

    /** The map as two parallel arrays, ids and counts, for {@code unnest}. */
    private static Object[] idsAndCounts(Map<String, Integer> counts) {
        String[] ids = new String[counts.size()];
        Integer[] values = new Integer[counts.size()];
        int i = 0;
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            ids[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return new Object[] {ids, values};
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
