package io.dealflow.webhooks.http;

import org.springframework.web.server.ServerWebInputException;

import java.util.regex.Pattern;

/**
 * Checks the {@code locationId} of a path, as every webhook endpoint takes one.
 */
public final class Locations {

    private static final Pattern LOCATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Locations() {
    }

    /** The location id, or a 400 when it is not one. */
    public static String checked(String locationId) {
        if (!LOCATION_ID.matcher(locationId).matches()) {
            throw new ServerWebInputException("locationId must match [A-Za-z0-9_-]{1,64}");
        }
        return locationId;
    }
}
