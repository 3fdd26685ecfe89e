package io.dealflow.query.asof;

import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.QueryParameters;

import java.time.Instant;

/**
 * Reads the {@code asOf} query parameter: an ISO-8601 instant ({@code 2026-01-05T09:30:00Z}, an offset is accepted
 * too) or a plain date, meaning 00:00 UTC that day.
 */
public final class AsOf {

    /** The parameter's name. */
    public static final String PARAMETER = "asOf";

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
        return QueryParameters.instant(name, value);
    }
}
