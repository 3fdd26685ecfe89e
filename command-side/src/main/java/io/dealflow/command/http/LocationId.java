package io.dealflow.command.http;

import org.springframework.web.server.ServerWebInputException;

import java.util.regex.Pattern;

/**
 * The location (tenant) id in a command's path: client-chosen, but it must match {@code [A-Za-z0-9_-]{1,64}}.
 */
public final class LocationId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private LocationId() {
    }

    /** Returns the id, or refuses it as a malformed parameter (400), like a malformed {@code If-Match}. */
    public static String checked(String locationId) {
        if (!VALID.matcher(locationId).matches()) {
            throw new ServerWebInputException("locationId must be 1 to 64 letters, digits, '_' or '-'");
        }
        return locationId;
    }
}
