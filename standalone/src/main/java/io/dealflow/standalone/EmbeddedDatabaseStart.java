package io.dealflow.standalone;

import com.zaxxer.hikari.HikariConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * An embedded PostgreSQL being started in the background. Whoever needs it {@linkplain #await() waits} for it; closing
 * waits for a start still under way and then stops the database, so a failed or aborted server start leaves no
 * PostgreSQL behind.
 */
final class EmbeddedDatabaseStart implements AutoCloseable {

    private final FutureTask<EmbeddedDatabase> start;

    private EmbeddedDatabaseStart(FutureTask<EmbeddedDatabase> start) {
        this.start = start;
    }

    static EmbeddedDatabaseStart begin(Path dataDirectory, HikariConfig poolSettings) {
        FutureTask<EmbeddedDatabase> start = new FutureTask<>(() -> EmbeddedDatabase.start(dataDirectory,
                poolSettings));
        Thread thread = new Thread(start, "embedded-postgres-start");
        thread.setDaemon(true);
        thread.start();
        return new EmbeddedDatabaseStart(start);
    }

    /** The started database; rethrows what made the start fail ({@link DataDirectoryInUse}, ...). */
    EmbeddedDatabase await() {
        try {
            return start.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the embedded PostgreSQL was starting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the embedded PostgreSQL did not start", e.getCause());
        }
    }

    @Override
    public void close() throws IOException {
        EmbeddedDatabase database;
        try {
            database = await();
        } catch (RuntimeException failedToStart) {
            return;
        }
        database.close();
    }
}
