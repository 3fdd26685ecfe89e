package io.dealflow.security.abuse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * The other api nodes' rate-limit counts, through the {@code security.rate_limit_*} tables: a node that opens a key's
 * window or uses up its share takes a new reservation under a transaction-scoped advisory lock on the key, so no two
 * nodes take one from each other's stale figures; once a second each node upserts its heartbeat and gives back what
 * its idle keys reserved and did not use.
 */
final class SharedRateCounts implements RateLimiter.Peers, InitializingBean, DisposableBean {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** A node whose heartbeat is older than this no longer counts, and its reservations with it. */
    static final Duration LIVENESS = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(SharedRateCounts.class);
    /** First key of the advisory locks on a key's reservations; keeps them apart from any other lock. */
    private static final int RESERVATION_LOCK_CLASS = 4713;
    /** Opens the key's window unless one opened less than 10 s ago; answers the window either way. */
    private static final String OPEN_WINDOW = "WITH opened AS ("
            + " INSERT INTO security.rate_limit_window AS w (key_id, opened_at) VALUES (?, clock_timestamp())"
            + " ON CONFLICT (key_id) DO UPDATE SET opened_at = excluded.opened_at"
            + " WHERE w.opened_at <= excluded.opened_at - interval '10 seconds' RETURNING opened_at),"
            + " current AS (SELECT opened_at FROM opened UNION ALL SELECT opened_at FROM security.rate_limit_window"
            + " WHERE key_id = ? AND NOT EXISTS (SELECT 1 FROM opened))"
            + " SELECT (extract(epoch FROM opened_at) * 1000)::bigint,"
            + " greatest(0, extract(epoch FROM opened_at + interval '10 seconds' - clock_timestamp()) * 1000)::bigint"
            + " FROM current";
    private static final String UPSERT = "INSERT INTO security.rate_limit_share"
            + " (node_id, key_id, window_start, reserved, requests) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (node_id, key_id) DO UPDATE SET window_start = excluded.window_start,"
            + " reserved = excluded.reserved, requests = excluded.requests";
    /** What the other live nodes reserved in one key's window. */
    private static final String OTHERS = "SELECT coalesce(sum(s.reserved), 0)::integer"
            + " FROM security.rate_limit_share s JOIN security.rate_limit_node n"
            + " ON n.node_id = s.node_id AND n.seen_at > now() - make_interval(secs => ?)"
            + " WHERE s.node_id <> ? AND s.key_id = ? AND s.window_start = ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final String nodeId;
    private final RateLimiter limiter;
    private volatile int liveNodes = 1;
    private volatile boolean warned;
    private ScheduledExecutorService ticker;

    SharedRateCounts(JdbcTemplate jdbc, String nodeId, RateLimiter limiter) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.nodeId = nodeId;
        this.limiter = limiter;
    }

    @Override
    public int liveNodes() {
        return liveNodes;
    }

    @Override
    public RateLimiter.OpenWindow openWindow(String keyId) {
        for (int attempt = 0; ; attempt++) {
            List<RateLimiter.OpenWindow> window = jdbc.query(OPEN_WINDOW,
                    (rs, n) -> new RateLimiter.OpenWindow(rs.getLong(1), rs.getLong(2)), keyId, keyId);
            // Empty when another node opened the window while this statement ran: its row is visible to the next.
            if (!window.isEmpty() || attempt == 2) {
                return window.get(0);
            }
        }
    }

    @Override
    public int reserve(String keyId, long window, int requests, IntUnaryOperator reservationGivenOthers) {
        Integer reserved = transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(?))", Object.class, RESERVATION_LOCK_CLASS,
                    keyId);
            Integer others = jdbc.queryForObject(OTHERS, Integer.class, LIVENESS.toSeconds(), nodeId, keyId, window);
            int reservation = reservationGivenOthers.applyAsInt(others == null ? 0 : others);
            publish(new RateLimiter.Share(keyId, window, reservation, requests));
            return reservation;
        });
        return reserved == null ? 0 : reserved;
    }

    @Override
    public void giveBack(RateLimiter.Share share) {
        publish(share);
    }

    @Override
    public void afterPropertiesSet() {
        limiter.shareThrough(this);
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rate-limit-exchange");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        try {
            // Gone at once rather than after the liveness period: the others take its place in the shares sooner.
            jdbc.update("DELETE FROM security.rate_limit_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            // the heartbeat ages out by itself
        }
    }

    /** One periodic exchange: heartbeat, live nodes counted, idle reservations given back, old rows cleared. */
    void tick() {
        try {
            jdbc.update("INSERT INTO security.rate_limit_node (node_id, seen_at) VALUES (?, now())"
                    + " ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", nodeId);
            Integer live = jdbc.queryForObject("SELECT count(*) FROM security.rate_limit_node"
                    + " WHERE seen_at > now() - make_interval(secs => ?) OR node_id = ?", Integer.class,
                    LIVENESS.toSeconds(), nodeId);
            liveNodes = live == null ? 1 : Math.max(1, live);
            limiter.settle();
            jdbc.update("DELETE FROM security.rate_limit_share WHERE node_id = ?"
                    + " AND window_start < (extract(epoch FROM now() - interval '20 seconds') * 1000)", nodeId);
            jdbc.update("DELETE FROM security.rate_limit_node WHERE seen_at < now() - interval '1 minute'");
            if (warned) {
                log.info("Sharing rate-limit counts with the other api nodes again");
                warned = false;
            }
        } catch (RuntimeException e) {
            if (!warned) {
                log.warn("Could not share rate-limit counts ({}); each node keeps to the shares it has", e.getMessage());
                warned = true;
            }
        }
    }

    private void publish(RateLimiter.Share share) {
        jdbc.update(UPSERT, nodeId, share.keyId(), share.window(), share.reserved(), share.requests());
    }
}
