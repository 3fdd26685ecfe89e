package io.dealflow.query.http;

import io.dealflow.events.Amounts;
import io.dealflow.events.Instants;
import io.dealflow.http.LocationId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads query parameters strictly: a value that cannot be understood is a {@link BadParameter}, never a server
 * error and never silently ignored.
 */
public final class QueryParameters {

    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,9}");

    private QueryParameters() {
    }

    /** The location of the path, checked against the contract's pattern. */
    public static String location(String locationId) {
        if (!LocationId.isValid(locationId)) {
            throw new BadParameter("locationId", "must match " + LocationId.PATTERN);
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

    /**
     * An instant parameter as {@link Instants#parse} reads it (an ISO-8601 instant, or a date for 00:00 UTC, in the
     * years 0001 to 9999), or null when absent. Every instant parameter of the API is read here.
     */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instants.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(name, e.getMessage());
        }
    }

    /** A decimal amount as {@link Amounts#parse} bounds it, or null when absent. */
    public static BigDecimal decimal(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Amounts.parse(value);
        } catch (IllegalArgumentException e) {
            throw new BadParameter(name, e.getMessage());
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
