package io.dealflow.query.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads query parameters strictly: a value that cannot be understood is a {@link BadParameter}, never a server
 * error and never silently ignored.
 */
public final class QueryParameters {

    private static final Pattern LOCATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");

    private QueryParameters() {
    }

    /** The location of the path, checked against the contract's pattern. */
    public static String location(String locationId) {
        if (!LOCATION_ID.matcher(locationId).matches()) {
            throw new BadParameter("locationId", "must match [A-Za-z0-9_-]{1,64}");
        }
        return locationId;
    }

    /** A page size between 1 and {@code max}; {@code fallback} when absent. */
    public static int limit(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!INTEGER.matcher(value.strip()).matches()) {
            throw new BadParameter("limit", "must be a whole number from 1 to " + max);
        }
        int limit = Integer.parseInt(value.strip());
        if (limit < 1 || limit > max) {
            throw new BadParameter("limit", "must be a whole number from 1 to " + max);
        }
        return limit;
    }

    /** An ISO-8601 instant such as {@code 2026-01-05T09:30:00Z}, or null when absent. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new BadParameter(name, "must be an ISO-8601 instant such as 2026-01-05T09:30:00Z");
        }
    }

    /** A decimal amount, or null when absent. */
    public static BigDecimal decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(value.strip());
            if (decimal.abs().compareTo(new BigDecimal("1e17")) >= 0) {
                throw new BadParameter(name, "is out of range");
            }
            return decimal;
        } catch (NumberFormatException e) {
            throw new BadParameter(name, "must be a decimal number");
        }
    }

    /** A non-blank identifier filter, or null when absent. */
    public static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 255) {
            throw new BadParameter(name, "must be at most 255 characters");
        }
        return value;
    }
}
