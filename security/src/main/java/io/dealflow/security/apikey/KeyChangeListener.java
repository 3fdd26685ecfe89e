package io.dealflow.security.apikey;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this instance's {@link KeyCache} honest: LISTENs on a connection of its own for the keys a trigger on
 * {@code security.api_key} reports as changed (revoked, deleted, scopes or locations edited), on whichever instance
 * or by whatever SQL, and evicts them. While it has no working connection the cache is empty and caches nothing; it
 * reconnects every second.
 */
final class KeyChangeListener implements InitializingBean, DisposableBean {

    /** The channel the trigger of migration V2 notifies, with the key id as payload. */
    static final String CHANNEL = "dealflow_api_key_changed";
    /** How the listening session shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "dealflow key cache";

    /** Opens a connection that belongs to the listener alone. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(KeyChangeListener.class);
    private static final int POLL_MILLIS = 500;
    /** A connection that silently went away raises no error while waiting, so it is asked to answer this often. */
    private static final long CHECK_NANOS = Duration.ofSeconds(5).toNanos();
    private static final int CHECK_TIMEOUT_SECONDS = 5;
    private static final long RETRY_MILLIS = 1000;

    private final KeyCache cache;
    private final Connections connections;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private Thread thread;

    KeyChangeListener(KeyCache cache, Connections connections) {
        this.cache = cache;
        this.connections = connections;
    }

    @Override
    public void afterPropertiesSet() {
        if (!cache.enabled()) {
            return;
        }
        thread = new Thread(this::run, "api-key-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping.countDown();
        if (thread != null) {
            // It notices within one poll, or one connection check when the database has gone away.
            thread.join(TimeUnit.SECONDS.toMillis(CHECK_TIMEOUT_SECONDS + 1));
        }
    }

    private void run() {
        boolean warned = false;
        while (stopping.getCount() > 0) {
            try (Connection connection = connections.open()) {
                listen(connection);
                if (warned) {
                    log.info("Listening for API key changes again; keys are cached again");
                    warned = false;
                }
                poll(connection);
            } catch (SQLException | RuntimeException e) {
                if (stopping.getCount() > 0 && !warned) {
                    log.warn("Not listening for API key changes ({}); keys are read from the database on every request"
                            + " until the listener is back", e.getMessage());
                    warned = true;
                }
            } finally {
                cache.stopCaching();
            }
            awaitRetry();
        }
    }

    private void listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET application_name = '" + APPLICATION_NAME + "'");
            statement.execute("LISTEN " + CHANNEL);
        }
        // Only now: a change committed before LISTEN took effect is already visible to every later read.
        cache.startCaching();
    }

    private void poll(Connection connection) throws SQLException {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        long nextCheck = System.nanoTime() + CHECK_NANOS;
        while (stopping.getCount() > 0) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null) {
                for (PGNotification notification : notifications) {
                    cache.evict(notification.getParameter());
                }
            }
            if (System.nanoTime() - nextCheck > 0) {
                if (!connection.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection no longer answers");
                }
                nextCheck = System.nanoTime() + CHECK_NANOS;
            }
        }
    }

    private void awaitRetry() {
        try {
            stopping.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.countDown();
        }
    }
}
