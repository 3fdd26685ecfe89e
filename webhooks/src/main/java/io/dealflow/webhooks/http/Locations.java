package io.dealflow.webhooks.http;

import io.dealflow.http.LocationId;
import org.springframework.web.server.ServerWebInputException;

/**
 * Checks the {@code locationId} of a path, as every webhook endpoint takes one, refusing a malformed one in this
 * module's words ({@link LocationId} holds the rule).
 */
public final class Locations {

    private Locations() {
    }

    /** The location id, or a 400 when it is not one. */
    public static String checked(String locationId) {
        if (!LocationId.isValid(locationId)) {
            throw new ServerWebInputException("locationId must match " + LocationId.PATTERN);
        }
        return locationId;
    }
}
