package io.dealflow.query.workspace;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.StoredEvents;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deal's notes and tasks as they stood at an instant, folded from its events as {@link WorkspaceProjection} folds
 * them: auditors read what a note said, and which tasks were open, on a given day.
 */
@Component
class AsOfWorkspace {

    private static final String OPPORTUNITY = "Opportunity";
    private static final Comparator<NoteView> NEWEST_FIRST = Comparator.comparing(NoteView::createdAt)
            .thenComparing(NoteView::id).reversed();
    private static final Comparator<TaskView> SOONEST_DUE = Comparator
            .comparing((TaskView task) -> task.dueAt() == null ? Instant.MAX : task.dueAt())
            .thenComparing(TaskView::createdAt).thenComparing(TaskView::id);

    private final StoredEvents events;

    AsOfWorkspace(StoredEvents events) {
        this.events = events;
    }

    /** The deal's notes and tasks at {@code asOf}; empty when it did not exist then, was deleted, or is foreign. */
    Optional<Workspace> at(String locationId, String opportunityId, Instant asOf) {
        List<StoredEvents.StoredEvent> stored = events.ofAggregate(opportunityId);
        if (stored.isEmpty() || !OPPORTUNITY.equals(stored.get(0).aggregateType())) {
            return Optional.empty();
        }
        String location = null;
        boolean deleted = false;
        Map<String, NoteView> notes = new LinkedHashMap<>();
        Map<String, TaskView> tasks = new LinkedHashMap<>();
        for (TrackedEventMessage<?> message : events.messages(stored)) {
            Instant at = EventTime.of(message.getTimestamp()).toInstant();
            if (at.isAfter(asOf)) {
                break;
            }
            Object payload = message.getPayload();
            if (payload instanceof OpportunityCreated created) {
                location = created.locationId();
            } else if (payload instanceof OpportunityDeleted) {
                deleted = true;
            } else if (payload instanceof OpportunityRestored) {
                deleted = false;
            } else if (payload instanceof OpportunityNoteAdded added) {
                notes.putIfAbsent(added.noteId(), new NoteView(added.noteId(), added.body(), at,
                        author(message.getMetaData()), at));
            } else if (payload instanceof OpportunityNoteEdited edited) {
                notes.computeIfPresent(edited.noteId(), (id, note) -> new NoteView(id, edited.body(),
                        note.createdAt(), note.createdBy(), at));
            } else if (payload instanceof OpportunityNoteDeleted removed) {
                notes.remove(removed.noteId());
            } else if (payload instanceof OpportunityTaskAdded added) {
                tasks.putIfAbsent(added.taskId(), new TaskView(added.taskId(), added.title(), added.dueAt(),
                        added.assignedTo(), "open", at, null));
            } else if (payload instanceof OpportunityTaskEdited edited) {
                tasks.computeIfPresent(edited.taskId(), (id, task) -> new TaskView(id, edited.title(),
                        edited.dueAt(), edited.assignedTo(), task.status(), task.createdAt(), task.completedAt()));
            } else if (payload instanceof OpportunityTaskCompleted completed) {
                tasks.computeIfPresent(completed.taskId(), (id, task) -> new TaskView(id, task.title(),
                        task.dueAt(), task.assignedTo(), "completed", task.createdAt(), at));
            } else if (payload instanceof OpportunityTaskReopened reopened) {
                tasks.computeIfPresent(reopened.taskId(), (id, task) -> new TaskView(id, task.title(),
                        task.dueAt(), task.assignedTo(), "open", task.createdAt(), null));
            } else if (payload instanceof OpportunityTaskDeleted removed) {
                tasks.remove(removed.taskId());
            }
        }
        if (location == null || deleted || !location.equals(locationId)) {
            return Optional.empty();
        }
        List<NoteView> noteList = new ArrayList<>(notes.values());
        noteList.sort(NEWEST_FIRST);
        List<TaskView> taskList = new ArrayList<>(tasks.values());
        taskList.sort(SOONEST_DUE);
        return Optional.of(new Workspace(noteList, taskList));
    }

    /** Same rule as the live projection: the user the client acted for, else the API key. */
    private static String author(MetaData metaData) {
        Object actingUser = metaData.get(EventMetadata.ACTING_USER);
        Object actor = metaData.get(EventMetadata.ACTOR);
        return actingUser != null ? actingUser.toString() : actor == null ? null : actor.toString();
    }

    /** A deal's notes, newest first, and tasks, soonest due first. */
    record Workspace(List<NoteView> notes, List<TaskView> tasks) {
    }
}
