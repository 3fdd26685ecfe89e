package io.dealflow.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The standalone server's own PostgreSQL: started from the data directory (created on first start), durable
 * ({@code fsync} and {@code synchronous_commit} on, unlike the embedded defaults), and owned by one server at a time.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final FileLock ownership;
    private final EmbeddedPostgres postgres;
    private final HikariDataSource dataSource;

    private EmbeddedDatabase(FileLock ownership, EmbeddedPostgres postgres, HikariDataSource dataSource) {
        this.ownership = ownership;
        this.postgres = postgres;
        this.dataSource = dataSource;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory/postgres}. Fails fast when another server holds the directory.
     */
    static EmbeddedDatabase start(Path dataDirectory, int maximumPoolSize) {
        try {
            Files.createDirectories(dataDirectory);
            FileLock ownership = own(dataDirectory);
            Path pgData = dataDirectory.resolve("postgres");
            stopOrphanedServer(pgData);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Its own hook would stop PostgreSQL while Spring's is still stopping the processors that use it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(maximumPoolSize);
            config.setPoolName("dealflow");
            log.info("Embedded PostgreSQL is up on port {} with data in {}", postgres.getPort(), pgData.toAbsolutePath());
            return new EmbeddedDatabase(ownership, postgres, new HikariDataSource(config));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    HikariDataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws IOException {
        dataSource.close();
        postgres.close();
        ownership.release();
        ownership.channel().close();
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
