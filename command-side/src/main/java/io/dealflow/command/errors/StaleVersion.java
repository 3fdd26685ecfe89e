package io.dealflow.command.errors;

/**
 * The client's {@code If-Match} version is not the aggregate's current version: HTTP 412.
 */
public class StaleVersion extends CommandRefused {

    public StaleVersion(long expected, long actual) {
        super("stale-version", null, "If-Match expected version " + expected + " but the current version is " + actual);
    }

    /** Refuses when the client named a version and it is not the current one. */
    public static void check(Long expectedVersion, long currentVersion) {
        if (expectedVersion != null && expectedVersion != currentVersion) {
            throw new StaleVersion(expectedVersion, currentVersion);
        }
    }
}
