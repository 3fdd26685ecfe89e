package io.dealflow.webhooks.subscription;

import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.webhooks.http.WebhookLimitReached;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The subscriptions ({@code webhooks.subscription}), always read within one location.
 */
@Component
public class Subscriptions {

    private static final String COLUMNS = "subscription_id, location_id, url, array_to_string(event_types, ',')"
            + " AS event_types, pipeline_id, stage_id, status, secret, previous_secret, previous_secret_expires_at,"
            + " starts_after, created_at, updated_at";
    private static final RowMapper<Subscription> ROW = (rs, row) -> new Subscription(rs.getString("subscription_id"),
            rs.getString("location_id"), rs.getString("url"), Arrays.asList(rs.getString("event_types").split(",")),
            rs.getString("pipeline_id"), rs.getString("stage_id"), rs.getString("status"), rs.getString("secret"),
            rs.getString("previous_secret"), instant(rs.getTimestamp("previous_secret_expires_at")),
            rs.getLong("starts_after"), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("updated_at")));

    /** Most subscriptions a location may have: each event of the location is matched against all of them. */
    static final int MAX_PER_LOCATION = 50;
    /** First key of the advisory lock on a location's subscription count; keeps it apart from any other lock. */
    private static final int COUNT_LOCK_CLASS = 4712;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    Subscriptions(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Whether the location has that subscription. */
    public boolean exists(String locationId, String subscriptionId) {
        return find(locationId, subscriptionId).isPresent();
    }

    Optional<Subscription> find(String locationId, String subscriptionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhooks.subscription"
                        + " WHERE location_id = ? AND subscription_id = ?", ROW, locationId, subscriptionId)
                .stream().findFirst();
    }

    List<Subscription> list(String locationId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhooks.subscription WHERE location_id = ?"
                + " ORDER BY created_at, subscription_id", ROW, locationId);
    }

    /**
     * Saves a new subscription. It starts after the event store's head (its {@code startsAfter} is ignored): it is
     * told about events appended from now on. Refused when the location already has {@link #MAX_PER_LOCATION}; the
     * count and the insert hold a lock on the location, so concurrent creations cannot pass the limit together.
     */
    void create(Subscription subscription) {
        transactions.executeWithoutResult(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, COUNT_LOCK_CLASS,
                    subscription.locationId());
            Integer count = jdbc.queryForObject("SELECT count(*) FROM webhooks.subscription WHERE location_id = ?",
                    Integer.class, subscription.locationId());
            if (count != null && count >= MAX_PER_LOCATION) {
                throw new WebhookLimitReached("too-many-subscriptions",
                        "a location has at most " + MAX_PER_LOCATION + " webhook subscriptions; delete one first");
            }
            insert(subscription);
        });
    }

    private void insert(Subscription subscription) {
        Long head = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM " + EventStoreLayout.EVENT_TABLE,
                Long.class);
        jdbc.update("INSERT INTO webhooks.subscription (subscription_id, location_id, url, event_types, pipeline_id,"
                        + " stage_id, status, secret, starts_after, created_at, updated_at)"
                        + " VALUES (?, ?, ?, string_to_array(?, ','), ?, ?, ?, ?, ?, ?, ?)",
                subscription.id(), subscription.locationId(), subscription.url(),
                String.join(",", subscription.events()), subscription.pipelineId(), subscription.stageId(),
                subscription.status(), subscription.secret(), head, Timestamp.from(subscription.createdAt()),
                Timestamp.from(subscription.updatedAt()));
    }

    void update(Subscription subscription) {
        jdbc.update("UPDATE webhooks.subscription SET url = ?, event_types = string_to_array(?, ','),"
                        + " pipeline_id = ?, stage_id = ?, status = ?, updated_at = ?"
                        + " WHERE location_id = ? AND subscription_id = ?",
                subscription.url(), String.join(",", subscription.events()), subscription.pipelineId(),
                subscription.stageId(), subscription.status(), Timestamp.from(subscription.updatedAt()),
                subscription.locationId(), subscription.id());
    }

    /** Replaces the secret; the old one keeps signing until {@code previousExpiresAt}. */
    void rotateSecret(String locationId, String subscriptionId, String secret, Instant previousExpiresAt,
                      Instant now) {
        jdbc.update("UPDATE webhooks.subscription SET previous_secret = secret, previous_secret_expires_at = ?,"
                        + " secret = ?, updated_at = ? WHERE location_id = ? AND subscription_id = ?",
                Timestamp.from(previousExpiresAt), secret, Timestamp.from(now), locationId, subscriptionId);
    }

    /** Deletes the subscription with its delivery log; answers whether it existed. */
    boolean delete(String locationId, String subscriptionId) {
        return jdbc.update("DELETE FROM webhooks.subscription WHERE location_id = ? AND subscription_id = ?",
                locationId, subscriptionId) > 0;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
