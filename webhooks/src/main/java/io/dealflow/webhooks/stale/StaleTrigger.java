package io.dealflow.webhooks.stale;

import io.dealflow.webhooks.WebhookProperties;
import io.dealflow.webhooks.outbox.OpportunitySnapshots;
import io.dealflow.webhooks.outbox.OpportunityState;
import io.dealflow.webhooks.outbox.Outbox;
import io.dealflow.webhooks.outbox.WebhookEvent;
import io.dealflow.webhooks.subscription.WebhookEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reports open opportunities that sat in their stage longer than their pipeline's stale setting: a scheduled query
 * over the outbox's opportunity snapshots, so nothing is lost across restarts. Each is reported once, as
 * {@code OpportunityWentStale}, and marked; the outbox clears the mark when the stage changes, which arms the trigger
 * again. Several instances may scan at once: rows being reported are locked and skipped.
 */
@Component
class StaleTrigger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StaleTrigger.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OpportunitySnapshots snapshots;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration interval;
    private final WebhookProperties properties;
    private volatile ScheduledExecutorService scanner;

    StaleTrigger(JdbcTemplate jdbc, TransactionTemplate transaction, OpportunitySnapshots snapshots, Outbox outbox,
                 Clock clock, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.snapshots = snapshots;
        this.outbox = outbox;
        this.clock = clock;
        this.interval = properties.stale().scanInterval();
        this.properties = properties;
    }

    @Override
    public void start() {
        scanner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-stale-trigger");
            thread.setDaemon(true);
            return thread;
        });
        scanner.scheduleWithFixedDelay(this::scanSafely, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        scanner.shutdownNow();
        try {
            scanner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scanner = null;
    }

    @Override
    public boolean isRunning() {
        return scanner != null;
    }

    /** Only on an instance with the {@code webhooks} role ({@code dealflow.webhooks.workers-enabled}). */
    @Override
    public boolean isAutoStartup() {
        return properties.workersEnabled();
    }

    /** Reports every opportunity that is stale now; answers how many. */
    int scan() {
        int reported = 0;
        int batch;
        do {
            batch = transaction.execute(status -> reportBatch(clock.instant()));
            reported += batch;
        } while (batch == BATCH);
        return reported;
    }

    private void scanSafely() {
        try {
            scan();
        } catch (RuntimeException e) {
            log.warn("stale scan failed; retrying at the next interval", e);
        }
    }

    private int reportBatch(Instant now) {
        List<Due> due = jdbc.query("SELECT o.opportunity_id, o.state, t.stale_after_days"
                        + " FROM webhooks.opportunity_snapshot o JOIN webhooks.stale_setting t"
                        + " ON t.location_id = o.location_id AND t.pipeline_id = o.pipeline_id"
                        + " WHERE o.status = 'open' AND NOT o.deleted AND o.stale_notified_at IS NULL"
                        + " AND o.last_stage_change_at <= ?::timestamptz - make_interval(days => t.stale_after_days)"
                        + " ORDER BY o.last_stage_change_at LIMIT ? FOR UPDATE OF o SKIP LOCKED",
                (rs, row) -> new Due(rs.getString("opportunity_id"), rs.getString("state"),
                        rs.getInt("stale_after_days")),
                Timestamp.from(now), BATCH);
        for (Due opportunity : due) {
            OpportunityState state = snapshots.read(opportunity.state());
            Instant staleSince = state.lastStageChangeAt().plus(Duration.ofDays(opportunity.staleAfterDays()));
            // One id per stage visit: the same report, if ever recorded twice, is still one event for receivers.
            String eventId = UUID.nameUUIDFromBytes(("stale:" + state.opportunityId() + ":"
                    + state.lastStageChangeAt()).getBytes(StandardCharsets.UTF_8)).toString();
            outbox.record(new WebhookEvent(eventId, null, WebhookEventType.OpportunityWentStale, staleSince,
                    state.version() - 1, state, null));
            jdbc.update("UPDATE webhooks.opportunity_snapshot SET stale_notified_at = ? WHERE opportunity_id = ?",
                    Timestamp.from(now), opportunity.opportunityId());
        }
        return due.size();
    }

    private record Due(String opportunityId, String state, int staleAfterDays) {
    }
}
