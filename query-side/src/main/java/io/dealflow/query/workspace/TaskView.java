package io.dealflow.query.workspace;

import java.time.Instant;

/**
 * A task of a deal.
 *
 * @param status      {@code open} or {@code completed}
 * @param dueAt       null when it has no due date
 * @param completedAt null while it is open
 */
record TaskView(String id, String title, Instant dueAt, String assignedTo, String status, Instant createdAt,
                Instant completedAt) {
}
