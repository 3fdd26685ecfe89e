package io.dealflow.query.asof;

import io.dealflow.query.http.BadParameter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code asOf} query parameter: an ISO-8601 instant ({@code 2026-01-05T09:30:00Z}, an offset is accepted
 * too) or a plain date, meaning 00:00 UTC that day.
 */
public final class AsOf {

    /** The parameter's name. */
    public static final String PARAMETER = "asOf";

    // PostgreSQL's timestamps end in year 294276; four-digit years keep every comparison in range.
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private AsOf() {
    }

    /**
     * The instant the parameter names, or null when it is absent or empty.
     *
     * @throws BadParameter when it is neither an instant nor a date
     */
    public static Instant parse(String value) {
        return instant(PARAMETER, value);
    }

    /**
     * An instant or date parameter of any name, read like {@code asOf}; null when absent or empty.
     *
     * @throws BadParameter when it is neither an instant nor a date
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Instant instant = null;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            try {
                instant = LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                // falls through to the refusal below
            }
        }
        if (instant == null || instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new BadParameter(name, "must be an ISO-8601 instant such as 2026-01-05T09:30:00Z or a date"
                    + " such as 2026-01-05, between the years 0001 and 9999");
        }
        return instant;
    }
}
