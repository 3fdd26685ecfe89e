package io.dealflow.webhooks.outbox;

import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A task of an opportunity as task deliveries show it, folded from its events and kept in
 * {@code webhooks.opportunity_item} between them. Times are ISO-8601 UTC with milliseconds.
 *
 * @param dueAt       null when it has no due date
 * @param assignedTo  user id, null for nobody
 * @param status      {@code open} or {@code completed}; a deleted task shows the status it had
 * @param createdBy   the user the client acted for when it was added, else the API key; null when unknown
 * @param completedAt null while it is open
 */
@Schema(name = "WebhookTask")
record WebhookTask(String id, String title, String dueAt, String assignedTo, String status, String createdAt,
                   String createdBy, String completedAt) {

    static WebhookTask added(OpportunityTaskAdded event, Instant at, String actor) {
        return new WebhookTask(event.taskId(), event.title(), HighLevelOpportunity.format(event.dueAt()),
                event.assignedTo(), "open", HighLevelOpportunity.format(at), actor, null);
    }

    /**
     * A task whose earlier events cannot be found: only its id; completing, reopening or editing it adds what that
     * event says.
     */
    static WebhookTask unknown(String taskId) {
        return new WebhookTask(taskId, null, null, null, null, null, null, null);
    }

    WebhookTask edited(OpportunityTaskEdited event) {
        return new WebhookTask(id, event.title(), HighLevelOpportunity.format(event.dueAt()), event.assignedTo(),
                status, createdAt, createdBy, completedAt);
    }

    WebhookTask completed(Instant at) {
        return new WebhookTask(id, title, dueAt, assignedTo, "completed", createdAt, createdBy,
                HighLevelOpportunity.format(at));
    }

    WebhookTask reopened() {
        return new WebhookTask(id, title, dueAt, assignedTo, "open", createdAt, createdBy, null);
    }
}
