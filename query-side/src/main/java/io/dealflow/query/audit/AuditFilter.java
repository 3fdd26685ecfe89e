package io.dealflow.query.audit;

import io.dealflow.query.http.Cursor;

import java.time.Instant;

/**
 * Which of a location's events an audit query wants; every part may be null.
 *
 * @param from first instant included
 * @param to   first instant excluded
 */
record AuditFilter(Instant from, Instant to, String type, String actor, String aggregateId) {

    String fingerprint(String locationId) {
        return Cursor.fingerprint(locationId, from == null ? null : from.toString(), to == null ? null : to.toString(),
                type, actor, aggregateId);
    }
}
