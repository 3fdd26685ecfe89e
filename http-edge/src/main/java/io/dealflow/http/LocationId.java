package io.dealflow.http;

import org.springframework.web.server.ServerWebInputException;

import java.util.regex.Pattern;

/**
 * The id of a location (tenant): client-chosen, but always {@value #PATTERN}. The rule lives only here; each door
 * refuses a malformed id in its own contracted words.
 */
public final class LocationId {

    /** The rule, for Bean Validation's {@code @Pattern} and for messages that quote it. */
    public static final String PATTERN = "[A-Za-z0-9_-]{1,64}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private LocationId() {
    }

    /** Whether {@code locationId} is a location id; false for null. */
    public static boolean isValid(String locationId) {
        return locationId != null && VALID.matcher(locationId).matches();
    }

    /** Returns the id, or refuses it as a malformed parameter (400), like a malformed {@code If-Match}. */
    public static String checked(String locationId) {
        if (!isValid(locationId)) {
            throw new ServerWebInputException("locationId must be 1 to 64 letters, digits, '_' or '-'");
        }
        return locationId;
    }
}
