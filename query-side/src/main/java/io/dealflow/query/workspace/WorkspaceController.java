package io.dealflow.query.workspace;

import io.dealflow.query.asof.AsOf;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * The notes and tasks of a deal, and every task of a location ("my open tasks").
 */
@RestController
@Tag(name = "Notes and tasks (queries)")
class WorkspaceController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;
    private static final int MAX_TASKS_LIMIT = 500;

    private final WorkspaceRepository repository;
    private final AsOfWorkspace past;
    private final ConsistencyGate consistency;

    WorkspaceController(WorkspaceRepository repository, AsOfWorkspace past, ConsistencyGate consistency) {
        this.repository = repository;
        this.past = past;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/opportunities/{opportunityId}/notes")
    @Operation(summary = "A deal's notes, newest first",
            description = "Pass nextCursor as cursor for the next page; deleted notes are left out (their bodies stay"
                    + " in the deal's history). With asOf: the notes as they stood at that instant.")
    NotePage notes(@PathVariable String locationId, @PathVariable String opportunityId,
                   @Parameter(description = "The notes as they stood at this instant (from the deal's events)")
                   @RequestParam(required = false) String asOf,
                   @RequestParam(required = false) String cursor,
                   @Parameter(description = "1 to 100, default 20") @RequestParam(required = false) String limit,
                   @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        Instant when = AsOf.parse(asOf);
        String fingerprint = Cursor.fingerprint("notes", location, opportunityId, String.valueOf(when));
        Cursor.Keys after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor, fingerprint, 2);
        if (after != null) {
            after.instant(0);
        }
        List<NoteView> notes;
        if (when == null) {
            consistency.await(consistencyToken, ReadModels.WORKSPACE);
            requireDeal(location, opportunityId);
            notes = repository.notes(opportunityId, after, pageSize + 1);
        } else {
            notes = asOfWorkspace(location, opportunityId, when).notes().stream()
                    .filter(note -> after == null || before(note, after))
                    .limit(pageSize + 1L).toList();
        }
        String nextCursor = null;
        if (notes.size() > pageSize) {
            notes = notes.subList(0, pageSize);
            NoteView last = notes.get(pageSize - 1);
            nextCursor = Cursor.encode(fingerprint, List.of(last.createdAt().toString(), last.id()));
        }
        return new NotePage(notes, nextCursor);
    }

    @GetMapping("/api/v1/locations/{locationId}/opportunities/{opportunityId}/tasks")
    @Operation(summary = "A deal's tasks, soonest due first (tasks without a due date last)")
    TaskList tasks(@PathVariable String locationId, @PathVariable String opportunityId,
                   @Parameter(description = "open, completed or all (default)") @RequestParam(required = false)
                   String status,
                   @Parameter(description = "The tasks as they stood at this instant (from the deal's events)")
                   @RequestParam(required = false) String asOf,
                   @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        String wanted = status(status, "all");
        Instant when = AsOf.parse(asOf);
        if (when != null) {
            return new TaskList(asOfWorkspace(location, opportunityId, when).tasks().stream()
                    .filter(task -> wanted == null || wanted.equals(task.status())).toList());
        }
        consistency.await(consistencyToken, ReadModels.WORKSPACE);
        requireDeal(location, opportunityId);
        return new TaskList(repository.tasksOf(opportunityId, wanted));
    }

    private AsOfWorkspace.Workspace asOfWorkspace(String locationId, String opportunityId, Instant when) {
        return past.at(locationId, opportunityId, when)
                .orElseThrow(() -> new ResourceNotFound("opportunity", opportunityId));
    }

    /** Whether a note comes after the cursor's note in newest-first order. */
    private static boolean before(NoteView note, Cursor.Keys after) {
        int byTime = note.createdAt().compareTo(after.instant(0));
        return byTime < 0 || byTime == 0 && note.id().compareTo(after.text(1)) < 0;
    }

    @GetMapping("/api/v1/locations/{locationId}/tasks")
    @Operation(summary = "The location's tasks across its deals, soonest due first",
            description = "Tasks of deleted deals are left out; tasks without a due date come last. Pass nextCursor"
                    + " as cursor, with the same filters, for the next page.")
    LocationTaskPage locationTasks(@PathVariable String locationId,
                                   @Parameter(description = "A user id") @RequestParam(required = false)
                                   String assignedTo,
                                   @Parameter(description = "open (default), completed or all")
                                   @RequestParam(required = false) String status,
                                   @Parameter(description = "Only tasks due before this instant")
                                   @RequestParam(required = false) String dueBefore,
                                   @RequestParam(required = false) String cursor,
                                   @Parameter(description = "1 to 500, default 20") @RequestParam(required = false)
                                   String limit,
                                   @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                   String consistencyToken) {
        String location = QueryParameters.location(locationId);
        Instant before = QueryParameters.instant("dueBefore", dueBefore);
        TaskFilter filter = new TaskFilter(QueryParameters.text("assignedTo", assignedTo), status(status, "open"),
                before);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_TASKS_LIMIT);
        Cursor.Keys after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = Cursor.decode(cursor, filter.fingerprint(location), 3);
            if (!after.text(0).isEmpty()) {
                after.instant(0);
            }
        }
        consistency.await(consistencyToken, ReadModels.WORKSPACE);
        List<LocationTaskView> tasks = repository.tasksOfLocation(location, filter, after, pageSize + 1);
        String nextCursor = null;
        if (tasks.size() > pageSize) {
            tasks = tasks.subList(0, pageSize);
            LocationTaskView last = tasks.get(pageSize - 1);
            nextCursor = Cursor.encode(filter.fingerprint(location), List.of(
                    last.dueAt() == null ? "" : last.dueAt().toString(), last.opportunityId(), last.id()));
        }
        return new LocationTaskPage(tasks, nextCursor);
    }

    private void requireDeal(String locationId, String opportunityId) {
        if (!repository.dealExists(locationId, opportunityId)) {
            throw new ResourceNotFound("opportunity", opportunityId);
        }
    }

    /** {@code open} or {@code completed}, or null for {@code all}. */
    private static String status(String value, String fallback) {
        String status = value == null || value.isBlank() ? fallback : value;
        return switch (status) {
            case "open", "completed" -> status;
            case "all" -> null;
            default -> throw new BadParameter("status", "must be open, completed or all");
        };
    }

    /** A page of a deal's notes. */
    record NotePage(List<NoteView> items, String nextCursor) {
    }

    /** A deal's tasks. */
    record TaskList(List<TaskView> items) {
    }

    /** A page of the location's tasks. */
    record LocationTaskPage(List<LocationTaskView> items, String nextCursor) {
    }
}
