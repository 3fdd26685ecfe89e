package io.dealflow.query.replay;

import java.time.Duration;
import java.time.Instant;

/**
 * How a projection's rebuild is going: where its replay is in the event store, how many events it read, and how it
 * ended. Progress is written by the rebuild's thread and read by status requests.
 */
public final class RebuildStatus {

    private final String projection;
    private final Instant startedAt;
    private volatile long position;
    private volatile long events;
    private volatile Long switchedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    private RebuildStatus(String projection, Instant startedAt) {
        this.projection = projection;
        this.startedAt = startedAt;
    }

    static RebuildStatus started(String projection) {
        return new RebuildStatus(projection, Instant.now());
    }

    void progressed(long newPosition, int read) {
        position = newPosition;
        events += read;
    }

    void switched(long livePosition) {
        switchedAt = livePosition;
    }

    RebuildStatus finished(String failure) {
        error = failure;
        finishedAt = Instant.now();
        return this;
    }

    /** The projection rebuilt. */
    public String projection() {
        return projection;
    }

    /** Whether the rebuild is still replaying or switching. */
    public boolean running() {
        return finishedAt == null;
    }

    /** Whether it finished and switched the new tables in. */
    public boolean succeeded() {
        return finishedAt != null && error == null;
    }

    /** Global index of the last event the replay read. */
    public long position() {
        return position;
    }

    /** Events read from the store so far. */
    public long events() {
        return events;
    }

    /** Why it failed, or null. */
    public String error() {
        return error;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** When it ended, or null while running. */
    public Instant finishedAt() {
        return finishedAt;
    }

    /** The live processor's position at the switch, or null before it. */
    public Long switchedAt() {
        return switchedAt;
    }

    /** Time spent so far, or in all when finished. */
    public long elapsedMillis() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt).toMillis();
    }
}
