package io.dealflow.highlevel.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as HighLevel writes them: UTC with exactly three fraction digits and {@code Z}, e.g.
 * {@code 2026-01-05T09:30:00.000Z}.
 */
public final class Timestamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The instant in HighLevel's format, or null for null. */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
