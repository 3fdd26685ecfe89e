package io.dealflow.query.workspace;

import java.time.Instant;

/**
 * A task in the location-wide task list: the task as {@link TaskView} shows it, and the deal it belongs to.
 */
record LocationTaskView(String id, String title, Instant dueAt, String assignedTo, String status, Instant createdAt,
                        Instant completedAt, String opportunityId, String opportunityName) {

    LocationTaskView(TaskView task, String opportunityId, String opportunityName) {
        this(task.id(), task.title(), task.dueAt(), task.assignedTo(), task.status(), task.createdAt(),
                task.completedAt(), opportunityId, opportunityName);
    }
}
