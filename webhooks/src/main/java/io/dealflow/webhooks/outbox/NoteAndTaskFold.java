package io.dealflow.webhooks.outbox;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.webhooks.outbox.OpportunityItems.Key;
import io.dealflow.webhooks.outbox.OpportunityItems.Kind;
import org.axonframework.messaging.MetaData;

import java.time.Instant;

/**
 * How note and task events change the {@link WebhookNote} or {@link WebhookTask} deliveries show: the same fold for
 * a processor batch and for an item's history read back from the event store.
 */
final class NoteAndTaskFold {

    private NoteAndTaskFold() {
    }

    /** The note or task the event is about; null for an event of the opportunity itself. */
    static Key keyOf(String opportunityId, Object event) {
        String noteId = event instanceof OpportunityNoteAdded added ? added.noteId()
                : event instanceof OpportunityNoteEdited edited ? edited.noteId()
                : event instanceof OpportunityNoteDeleted deleted ? deleted.noteId() : null;
        if (noteId != null) {
            return new Key(opportunityId, Kind.NOTE, noteId);
        }
        String taskId = event instanceof OpportunityTaskAdded added ? added.taskId()
                : event instanceof OpportunityTaskEdited edited ? edited.taskId()
                : event instanceof OpportunityTaskCompleted completed ? completed.taskId()
                : event instanceof OpportunityTaskReopened reopened ? reopened.taskId()
                : event instanceof OpportunityTaskDeleted deleted ? deleted.taskId() : null;
        return taskId == null ? null : new Key(opportunityId, Kind.TASK, taskId);
    }

    /** Whether the event adds its note or task: no earlier state of it can exist. */
    static boolean adds(Object event) {
        return event instanceof OpportunityNoteAdded || event instanceof OpportunityTaskAdded;
    }

    /** Whether the event deletes its note or task: its delivery shows it as it was, then it is forgotten. */
    static boolean deletes(Object event) {
        return event instanceof OpportunityNoteDeleted || event instanceof OpportunityTaskDeleted;
    }

    /**
     * The note or task right after the event, as its delivery shows it. {@code before} is null when nothing is known
     * of it: then the result carries what the event itself says.
     *
     * @param key    {@link #keyOf} the event
     * @param author who caused the event ({@link #author})
     */
    static Object after(Key key, Object event, Object before, Instant at, String author) {
        if (event instanceof OpportunityNoteAdded added) {
            return WebhookNote.added(added, at, author);
        }
        if (event instanceof OpportunityNoteEdited edited) {
            return WebhookNote.edited((WebhookNote) before, edited, at);
        }
        if (event instanceof OpportunityNoteDeleted) {
            return before != null ? before : new WebhookNote(key.itemId(), null, null, null, null);
        }
        if (event instanceof OpportunityTaskAdded added) {
            return WebhookTask.added(added, at, author);
        }
        WebhookTask task = before != null ? (WebhookTask) before : WebhookTask.unknown(key.itemId());
        if (event instanceof OpportunityTaskEdited edited) {
            return task.edited(edited);
        }
        if (event instanceof OpportunityTaskCompleted) {
            return task.completed(at);
        }
        if (event instanceof OpportunityTaskReopened) {
            return task.reopened();
        }
        return task;
    }

    /** Who caused an event, as notes and tasks name their author: the user the client acted for, else the API key. */
    static String author(MetaData metaData) {
        Object actingUser = metaData.get(EventMetadata.ACTING_USER);
        Object actor = metaData.get(EventMetadata.ACTOR);
        return actingUser != null ? actingUser.toString() : actor == null ? null : actor.toString();
    }
}
