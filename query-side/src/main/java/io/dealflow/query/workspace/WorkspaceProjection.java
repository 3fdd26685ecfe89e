package io.dealflow.query.workspace;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Folds note and task events into {@code read_model.opportunity_note} and {@code read_model.opportunity_task}, with
 * {@code read_model.workspace_deal} for the deals they belong to. Each row changes in the same transaction as the
 * processor's token, so an event is applied exactly once.
 */
@Component
@ProcessingGroup(ReadModels.WORKSPACE)
class WorkspaceProjection {

    private final JdbcTemplate jdbc;

    WorkspaceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event) {
        jdbc.update("""
                INSERT INTO read_model.workspace_deal (opportunity_id, location_id, name) VALUES (?, ?, ?)
                ON CONFLICT (opportunity_id) DO NOTHING""", event.opportunityId(), event.locationId(), event.name());
    }

    @EventHandler
    void on(OpportunityRenamed event) {
        jdbc.update("UPDATE read_model.workspace_deal SET name = ? WHERE opportunity_id = ?",
                event.name(), event.opportunityId());
        jdbc.update("UPDATE read_model.opportunity_task SET opportunity_name = ? WHERE opportunity_id = ?",
                event.name(), event.opportunityId());
    }

    @EventHandler
    void on(OpportunityDeleted event) {
        deleted(event.opportunityId(), true);
    }

    @EventHandler
    void on(OpportunityRestored event) {
        deleted(event.opportunityId(), false);
    }

    @EventHandler
    void on(OpportunityNoteAdded event, @Timestamp Instant timestamp, MetaData metaData) {
        OffsetDateTime at = EventTime.of(timestamp);
        jdbc.update("""
                INSERT INTO read_model.opportunity_note
                    (opportunity_id, note_id, location_id, body, created_at, created_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (opportunity_id, note_id) DO NOTHING""",
                event.opportunityId(), event.noteId(), event.locationId(), event.body(), at, author(metaData), at);
    }

    @EventHandler
    void on(OpportunityNoteEdited event, @Timestamp Instant timestamp) {
        jdbc.update("UPDATE read_model.opportunity_note SET body = ?, updated_at = ? WHERE opportunity_id = ?"
                + " AND note_id = ?", event.body(), EventTime.of(timestamp), event.opportunityId(), event.noteId());
    }

    @EventHandler
    void on(OpportunityNoteDeleted event) {
        jdbc.update("DELETE FROM read_model.opportunity_note WHERE opportunity_id = ? AND note_id = ?",
                event.opportunityId(), event.noteId());
    }

    @EventHandler
    void on(OpportunityTaskAdded event, @Timestamp Instant timestamp) {
        jdbc.update("""
                INSERT INTO read_model.opportunity_task (opportunity_id, task_id, location_id, opportunity_name,
                    opportunity_deleted, title, due_at, assigned_to, status, created_at)
                SELECT d.opportunity_id, ?, d.location_id, d.name, d.deleted, ?, ?, ?, 'open', ?
                FROM read_model.workspace_deal d WHERE d.opportunity_id = ?
                ON CONFLICT (opportunity_id, task_id) DO NOTHING""",
                event.taskId(), event.title(), time(event.dueAt()), event.assignedTo(), EventTime.of(timestamp),
                event.opportunityId());
    }

    @EventHandler
    void on(OpportunityTaskEdited event) {
        jdbc.update("""
                UPDATE read_model.opportunity_task SET title = ?, due_at = ?, assigned_to = ?
                WHERE opportunity_id = ? AND task_id = ?""",
                event.title(), time(event.dueAt()), event.assignedTo(), event.opportunityId(), event.taskId());
    }

    @EventHandler
    void on(OpportunityTaskCompleted event, @Timestamp Instant timestamp) {
        jdbc.update("""
                UPDATE read_model.opportunity_task SET status = 'completed', completed_at = ?
                WHERE opportunity_id = ? AND task_id = ?""",
                EventTime.of(timestamp), event.opportunityId(), event.taskId());
    }

    @EventHandler
    void on(OpportunityTaskReopened event) {
        jdbc.update("""
                UPDATE read_model.opportunity_task SET status = 'open', completed_at = NULL
                WHERE opportunity_id = ? AND task_id = ?""", event.opportunityId(), event.taskId());
    }

    @EventHandler
    void on(OpportunityTaskDeleted event) {
        jdbc.update("DELETE FROM read_model.opportunity_task WHERE opportunity_id = ? AND task_id = ?",
                event.opportunityId(), event.taskId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.workspace_deal, read_model.opportunity_note, read_model.opportunity_task");
    }

    private void deleted(String opportunityId, boolean deleted) {
        jdbc.update("UPDATE read_model.workspace_deal SET deleted = ? WHERE opportunity_id = ?", deleted, opportunityId);
        jdbc.update("UPDATE read_model.opportunity_task SET opportunity_deleted = ? WHERE opportunity_id = ?",
                deleted, opportunityId);
    }

    /** Who wrote a note: the user the client acted for, else the API key that sent it. */
    private static String author(MetaData metaData) {
        Object actingUser = metaData.get(EventMetadata.ACTING_USER);
        Object actor = metaData.get(EventMetadata.ACTOR);
        return actingUser != null ? actingUser.toString() : actor == null ? null : actor.toString();
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : EventTime.of(instant);
    }
}
