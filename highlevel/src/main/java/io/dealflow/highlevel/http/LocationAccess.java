package io.dealflow.highlevel.http;

import io.dealflow.http.LocationId;
import io.dealflow.security.access.ApiKeyAuthentication;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The location check of the HighLevel door. Its paths do not name a location, so the security layer checks only
 * scopes; the door checks the location a request names ({@code locationId} / {@code location_id}) or the location of
 * the deal or pipeline it names by id: a key without it gets 403, as on HighLevel.
 */
@Component
public class LocationAccess {

    /**
     * Returns the location a request names once the key may act on it.
     *
     * @param field the request field that named it, for the message of a missing or malformed one
     */
    public String require(String locationId, String field) {
        if (locationId == null || locationId.isBlank()) {
            throw HighLevelRefusal.invalid(field + " should not be empty");
        }
        if (!LocationId.isValid(locationId)) {
            throw HighLevelRefusal.invalid(field + " must be 1 to 64 letters, digits, '_' or '-'");
        }
        requireAccess(locationId);
        return locationId;
    }

    /** Refuses with 403 when the request's API key may not act on the location of a resource it named by id. */
    public void requireAccess(String locationId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof ApiKeyAuthentication key && !key.getPrincipal().mayActOn(locationId)) {
            throw HighLevelRefusal.forbiddenLocation();
        }
    }
}
