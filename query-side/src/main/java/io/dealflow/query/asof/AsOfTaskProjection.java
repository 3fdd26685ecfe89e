package io.dealflow.query.asof;

import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.query.BatchFold;
import io.dealflow.query.asof.TaskBatch.Task;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * Keeps tasks as versions over time ({@code task_version}): the task part of the history processor, beside the cards
 * of {@link AsOfProjection}, so the board as of an instant shows each card's open tasks and next due date of then.
 * Only what the card shows makes a version: the task's status and due date; a task deleted ends its last version.
 * Task events only record their change in the batch's {@link TaskBatch}, written once when the batch commits.
 */
@Component
@ProcessingGroup(ReadModels.HISTORY)
class AsOfTaskProjection {

    private static final String BATCH_RESOURCE = TaskBatch.class.getName();

    private final JdbcTemplate jdbc;

    AsOfTaskProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityTaskAdded event, @Timestamp Instant timestamp, TrackingToken token) {
        batch().add(event.opportunityId(), event.taskId(), dueAt(event.dueAt()), StoredEvents.globalIndex(token),
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityTaskEdited event, @Timestamp Instant timestamp, TrackingToken token) {
        Instant dueAt = dueAt(event.dueAt());
        change(event.opportunityId(), event.taskId(), token, timestamp, task -> task.due(dueAt));
    }

    @EventHandler
    void on(OpportunityTaskCompleted event, @Timestamp Instant timestamp, TrackingToken token) {
        change(event.opportunityId(), event.taskId(), token, timestamp, task -> task.withStatus("completed"));
    }

    @EventHandler
    void on(OpportunityTaskReopened event, @Timestamp Instant timestamp, TrackingToken token) {
        change(event.opportunityId(), event.taskId(), token, timestamp, task -> task.withStatus("open"));
    }

    @EventHandler
    void on(OpportunityTaskDeleted event, @Timestamp Instant timestamp, TrackingToken token) {
        change(event.opportunityId(), event.taskId(), token, timestamp, task -> null);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.task_version");
    }

    private void change(String opportunityId, String taskId, TrackingToken token, Instant timestamp,
                        UnaryOperator<Task> change) {
        batch().change(opportunityId, taskId, StoredEvents.globalIndex(token), EventTime.of(timestamp), change);
    }

    /** Due dates kept to the millisecond, as the live task list keeps them. */
    private static Instant dueAt(Instant dueAt) {
        return dueAt == null ? null : EventTime.of(dueAt).toInstant();
    }

    /** The task versions of the running batch, written just before it commits. */
    private TaskBatch batch() {
        return BatchFold.current(BATCH_RESOURCE, TaskBatch::new, batch -> batch.flush(jdbc));
    }
}
