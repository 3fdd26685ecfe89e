package io.dealflow.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The instants dealflow accepts from clients: the years 0001 to 9999 UTC. PostgreSQL's {@code TIMESTAMPTZ} reaches
 * further (4713 BC to 294276 AD), but four-digit years keep every bound, every day or month step the reports take
 * from them, and every ISO-8601 text we write back inside what both Java and PostgreSQL hold.
 */
public final class Instants {

    /** The first instant accepted. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** The first instant no longer accepted. */
    public static final Instant END = Instant.parse("9999-12-31T23:59:59.999999Z").plusNanos(1000);
    /** What every refusal says: the accepted forms and range. */
    public static final String EXPECTED = "must be an ISO-8601 instant such as 2026-01-05T09:30:00Z or a date such as"
            + " 2026-01-05 (00:00 UTC), in the years 0001 to 9999";

    // Longer texts are no instant of the accepted range; refused before any parsing.
    private static final int MAX_LENGTH = 64;

    private Instants() {
    }

    /**
     * An ISO-8601 instant ({@code 2026-01-05T09:30:00Z}, or with an offset such as {@code +02:00}) or a plain date,
     * meaning 00:00 UTC that day.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} when the text is neither, or lies outside the range
     */
    public static Instant parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(EXPECTED);
        }
        Instant instant;
        try {
            instant = value.indexOf('T') < 0 && value.indexOf('t') < 0
                    ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(EXPECTED, e);
        }
        return checked(instant);
    }

    /**
     * Milliseconds since the epoch, as HighLevel's API sends instants.
     *
     * @throws IllegalArgumentException when they lie outside the range
     */
    public static Instant ofEpochMilli(long millis) {
        if (millis < EARLIEST.toEpochMilli() || millis >= END.toEpochMilli()) {
            throw new IllegalArgumentException("must be epoch milliseconds in the years 0001 to 9999");
        }
        return Instant.ofEpochMilli(millis);
    }

    /** Whether an instant lies in the accepted range. */
    public static boolean holds(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(END);
    }

    /**
     * The instant itself when it lies in the range.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} otherwise
     */
    public static Instant checked(Instant instant) {
        if (!holds(instant)) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return instant;
    }
}
