package io.dealflow.command.http;

import io.dealflow.events.EventMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event metadata a request contributes: actor, acting user, request and correlation ids, door. The actor and door
 * come from request attributes set by authentication ({@link EventMetadata#REQUEST_ATTRIBUTE_PREFIX}); without them
 * the request acts as {@code anonymous} through the native door. Events of nested commands inherit all of it through
 * the correlation data providers.
 */
public final class RequestMetadata {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String CORRELATION_ID_HEADER = "X-Correlation-Id";
    static final String ACTING_USER_HEADER = "X-Acting-User";

    private RequestMetadata() {
    }

    /** The metadata of the commands a request sends. */
    public static MetaData of(HttpServletRequest request) {
        Map<String, String> values = new HashMap<>();
        values.put(EventMetadata.ACTOR, EventMetadata.ANONYMOUS);
        values.put(EventMetadata.DOOR, EventMetadata.NATIVE_DOOR);
        for (String key : List.of(EventMetadata.ACTOR, EventMetadata.ACTOR_NAME, EventMetadata.DOOR)) {
            Object value = request.getAttribute(EventMetadata.REQUEST_ATTRIBUTE_PREFIX + key);
            if (value != null) {
                values.put(key, value.toString());
            }
        }
        String actingUser = bounded(request.getHeader(ACTING_USER_HEADER));
        if (actingUser != null) {
            values.put(EventMetadata.ACTING_USER, actingUser);
        }
        String requestId = bounded(request.getHeader(REQUEST_ID_HEADER));
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
        }
        values.put(EventMetadata.REQUEST_ID, requestId);
        String correlationId = bounded(request.getHeader(CORRELATION_ID_HEADER));
        values.put(EventMetadata.CORRELATION_ID, correlationId == null ? requestId : correlationId);
        return MetaData.from(values);
    }

    /** Client-supplied ids are kept, but never blank or longer than 200 characters. */
    private static String bounded(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.length() > 200 ? header.substring(0, 200) : header;
    }
}
