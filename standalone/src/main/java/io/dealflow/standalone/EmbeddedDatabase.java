package io.dealflow.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The standalone server's own PostgreSQL: started from the data directory (created on first start), durable
 * ({@code fsync} and {@code synchronous_commit} on, unlike the embedded defaults), owned by one server at a time, and
 * watched: when its postmaster dies it is started again on the same directory and port.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** How often the watchdog looks whether the postmaster still runs. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

    private final FileLock ownership;
    private final Path pgData;
    private final int port;
    private final HikariDataSource dataSource;
    private final Thread watchdog;
    private volatile EmbeddedPostgres postgres;
    private volatile boolean closing;

    private EmbeddedDatabase(FileLock ownership, Path pgData, EmbeddedPostgres postgres, HikariDataSource dataSource) {
        this.ownership = ownership;
        this.pgData = pgData;
        this.port = postgres.getPort();
        this.postgres = postgres;
        this.dataSource = dataSource;
        this.watchdog = new Thread(this::watch, "embedded-postgres-watchdog");
        watchdog.setDaemon(true);
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory/postgres} and a watchdog that restarts it should it die. Fails fast
     * when another server holds the directory. The pool takes {@code poolSettings} (Boot's
     * {@code spring.datasource.hikari.*}: timeouts, size, driver properties), with the embedded server's address.
     */
    static EmbeddedDatabase start(Path dataDirectory, HikariConfig poolSettings) {
        try {
            Files.createDirectories(dataDirectory);
            FileLock ownership = own(dataDirectory);
            Path pgData = dataDirectory.resolve("postgres");
            stopOrphanedServer(pgData);
            EmbeddedPostgres postgres = launch(pgData, 0);
            HikariConfig config = new HikariConfig();
            poolSettings.copyStateTo(config);
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setPoolName("dealflow");
            log.info("Embedded PostgreSQL is up on port {} with data in {}", postgres.getPort(), pgData.toAbsolutePath());
            EmbeddedDatabase database = new EmbeddedDatabase(ownership, pgData, postgres, new HikariDataSource(config));
            database.watchdog.start();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** Starts the postmaster on the data directory; {@code port} 0 picks a free one. */
    private static EmbeddedPostgres launch(Path pgData, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // Its own hook would stop PostgreSQL while Spring's is still stopping the processors that use it.
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "100");
        if (port != 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    /** The postmaster's process id, from its lock file; empty when it has none. */
    OptionalLong postmasterPid() {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException noneOrBeingWritten) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        watchdog.interrupt();
        try {
            watchdog.join(TimeUnit.SECONDS.toMillis(70));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dataSource.close();
        postgres.close();
        ownership.release();
        ownership.channel().close();
    }

    /**
     * Restarts PostgreSQL, on the same data directory and port, whenever its postmaster is gone (killed, crashed, out
     * of memory): the pool and everything holding it reconnect on their own, and PostgreSQL's crash recovery replays
     * its log, so every committed (fsynced) transaction is still there.
     */
    private void watch() {
        OptionalLong pid = postmasterPid();
        while (!closing) {
            try {
                Thread.sleep(WATCH_INTERVAL.toMillis());
            } catch (InterruptedException stop) {
                return;
            }
            if (pid.isEmpty()) {
                pid = postmasterPid();
                continue;
            }
            if (ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            log.error("Embedded PostgreSQL (pid {}) is gone; restarting it on port {}", pid.getAsLong(), port);
            pid = restart() ? postmasterPid() : OptionalLong.empty();
        }
    }

    /**
     * One attempt to start PostgreSQL again; a failed one (old backends still holding the shared memory, ...) is
     * retried on the next tick.
     */
    private boolean restart() {
        try {
            // Releases the old instance's lock on the directory; its pg_ctl stop finds no server and says so.
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the dead embedded PostgreSQL: {}", e.toString());
        }
        if (closing) {
            return false;
        }
        if (!portIsFree()) {
            log.error("Cannot restart the embedded PostgreSQL: port {} is taken; trying again", port);
            return false;
        }
        try {
            postgres = launch(pgData, port);
            // Pooled connections still point at the dead server; replace them all rather than let each request
            // that borrows one find out (and answer 503).
            dataSource.getHikariPoolMXBean().softEvictConnections();
            log.info("Embedded PostgreSQL is up again on port {}", port);
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("Could not restart the embedded PostgreSQL on port {}; trying again: {}", port, e.toString());
            return false;
        }
    }

    /**
     * Whether PostgreSQL could listen on its port. Asked first because a postmaster that cannot bind exits at once,
     * while the embedded start keeps waiting for it for its whole start-up timeout.
     */
    private boolean portIsFree() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** One server per data directory: a second one would corrupt nothing, but it would fight over PostgreSQL. */
    private static FileLock own(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve("dealflow.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new DataDirectoryInUse(dataDirectory);
        }
        return lock;
    }

    /**
     * A server killed with {@code kill -9} leaves its PostgreSQL running. We own the directory now, so that
     * PostgreSQL is an orphan: shut it down cleanly (SIGTERM, a smart shutdown) before starting our own.
     */
    private static void stopOrphanedServer(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()))
                .filter(process -> process.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left behind by a server that did not shut down", orphan.get().pid());
        orphan.get().destroy();
        try {
            orphan.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("PostgreSQL pid " + orphan.get().pid() + " in " + pgData
                    + " did not stop; stop it by hand and start again", e);
        }
    }
}
