package io.dealflow.query.axon;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * When an event happened, as the read model stores it: the event message's timestamp cut to milliseconds, the
 * precision the API shows, so cursors and answers agree with the stored value exactly.
 */
public final class EventTime {

    private EventTime() {
    }

    /** The column value for an event timestamp. */
    public static OffsetDateTime of(Instant timestamp) {
        return OffsetDateTime.ofInstant(timestamp.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
