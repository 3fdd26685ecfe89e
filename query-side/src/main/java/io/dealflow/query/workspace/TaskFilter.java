package io.dealflow.query.workspace;

import io.dealflow.query.http.Cursor;

import java.time.Instant;

/**
 * The filters of {@code GET /tasks}; each null when not given.
 *
 * @param status {@code open} or {@code completed}; null for both
 */
record TaskFilter(String assignedTo, String status, Instant dueBefore) {

    /** What a cursor of this list depends on. */
    String fingerprint(String locationId) {
        return Cursor.fingerprint("tasks", locationId, assignedTo, status, dueBefore == null ? null
                : dueBefore.toString());
    }
}
