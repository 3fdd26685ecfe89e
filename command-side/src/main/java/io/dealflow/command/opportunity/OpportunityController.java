package io.dealflow.command.opportunity;

import io.dealflow.command.http.CommandAnswer;
import io.dealflow.command.http.CommandSender;
import io.dealflow.command.http.IfMatch;
import io.dealflow.command.http.NoFields;
import io.dealflow.http.LocationId;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The opportunity commands over HTTP: {@code /api/v1/locations/{locationId}/opportunities...}. Creating answers 201
 * with {@code Location}; every other command answers 200 with the opportunity's new version.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/opportunities")
class OpportunityController {

    private final CommandSender sender;

    OpportunityController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CommandAnswer> create(@PathVariable String locationId,
                                         @Valid @RequestBody CreateOpportunityRequest request) {
        String opportunityId = UUID.randomUUID().toString();
        return sender.create(opportunityId, request.toCommand(opportunityId, LocationId.checked(locationId)));
    }

    @PostMapping("/{opportunityId}/move-stage")
    ResponseEntity<CommandAnswer> moveStage(@PathVariable String locationId, @PathVariable String opportunityId,
                                            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                            @Valid @RequestBody MoveStageRequest request) {
        return sender.update(opportunityId, new MoveStage(opportunityId, LocationId.checked(locationId), request.stageId(),
                request.pipelineId(), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/mark-won")
    ResponseEntity<CommandAnswer> markWon(@PathVariable String locationId, @PathVariable String opportunityId,
                                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                          @RequestBody(required = false) NoFields noFields) {
        return sender.update(opportunityId,
                new MarkWon(opportunityId, LocationId.checked(locationId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/mark-lost")
    ResponseEntity<CommandAnswer> markLost(@PathVariable String locationId, @PathVariable String opportunityId,
                                           @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                           @Valid @RequestBody(required = false) MarkLostRequest request) {
        MarkLostRequest body = request == null ? new MarkLostRequest(null, null) : request;
        return sender.update(opportunityId, new MarkLost(opportunityId, LocationId.checked(locationId), body.lostReasonId(),
                body.lostReason(), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/mark-abandoned")
    ResponseEntity<CommandAnswer> markAbandoned(@PathVariable String locationId, @PathVariable String opportunityId,
                                                @RequestHeader(name = IfMatch.HEADER, required = false)
                                                String ifMatch,
                                                @RequestBody(required = false) NoFields noFields) {
        return sender.update(opportunityId,
                new MarkAbandoned(opportunityId, LocationId.checked(locationId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/reopen")
    ResponseEntity<CommandAnswer> reopen(@PathVariable String locationId, @PathVariable String opportunityId,
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                         @Valid @RequestBody(required = false) ReopenRequest request) {
        String stageId = request == null ? null : request.stageId();
        return sender.update(opportunityId,
                new Reopen(opportunityId, LocationId.checked(locationId), stageId, IfMatch.expectedVersion(ifMatch)));
    }

    @PatchMapping("/{opportunityId}")
    ResponseEntity<CommandAnswer> edit(@PathVariable String locationId, @PathVariable String opportunityId,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @Valid @RequestBody EditOpportunityRequest request) {
        return sender.update(opportunityId,
                request.toCommand(opportunityId, LocationId.checked(locationId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/followers")
    ResponseEntity<CommandAnswer> addFollowers(@PathVariable String locationId, @PathVariable String opportunityId,
                                               @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                               @Valid @RequestBody AddFollowersRequest request) {
        return sender.update(opportunityId, new AddFollowers(opportunityId, LocationId.checked(locationId),
                request.followers(), IfMatch.expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{opportunityId}/followers/{userId}")
    ResponseEntity<CommandAnswer> removeFollower(@PathVariable String locationId, @PathVariable String opportunityId,
                                                 @PathVariable String userId,
                                                 @RequestHeader(name = IfMatch.HEADER, required = false)
                                                 String ifMatch) {
        return sender.update(opportunityId,
                new RemoveFollower(opportunityId, LocationId.checked(locationId), userId, IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/notes")
    ResponseEntity<NoteAnswer> addNote(@PathVariable String locationId, @PathVariable String opportunityId,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @Valid @RequestBody AddNoteRequest request) {
        return sendAboutItem(locationId, opportunityId, UUID.randomUUID().toString(), ifMatch,
                (opportunity, location, noteId, expectedVersion) ->
                        new AddNote(opportunity, location, noteId, request.body(), expectedVersion),
                NoteAnswer::new);
    }

    @PatchMapping("/{opportunityId}/notes/{noteId}")
    ResponseEntity<NoteAnswer> editNote(@PathVariable String locationId, @PathVariable String opportunityId,
                                        @PathVariable String noteId,
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                        @Valid @RequestBody EditNoteRequest request) {
        return sendAboutItem(locationId, opportunityId, noteId, ifMatch,
                (opportunity, location, note, expectedVersion) ->
                        new EditNote(opportunity, location, note, request.body(), expectedVersion),
                NoteAnswer::new);
    }

    @DeleteMapping("/{opportunityId}/notes/{noteId}")
    ResponseEntity<NoteAnswer> deleteNote(@PathVariable String locationId, @PathVariable String opportunityId,
                                          @PathVariable String noteId,
                                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return sendAboutItem(locationId, opportunityId, noteId, ifMatch, DeleteNote::new, NoteAnswer::new);
    }

    @PostMapping("/{opportunityId}/tasks")
    ResponseEntity<TaskAnswer> addTask(@PathVariable String locationId, @PathVariable String opportunityId,
                                       @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                       @Valid @RequestBody AddTaskRequest request) {
        return sendAboutItem(locationId, opportunityId, UUID.randomUUID().toString(), ifMatch,
                (opportunity, location, taskId, expectedVersion) -> new AddTask(opportunity, location, taskId,
                        request.title(), request.dueAt(), request.assignedTo(), expectedVersion),
                TaskAnswer::new);
    }

    @PostMapping("/{opportunityId}/tasks/{taskId}/complete")
    ResponseEntity<TaskAnswer> completeTask(@PathVariable String locationId, @PathVariable String opportunityId,
                                            @PathVariable String taskId,
                                            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                            @RequestBody(required = false) NoFields noFields) {
        return sendAboutItem(locationId, opportunityId, taskId, ifMatch, CompleteTask::new, TaskAnswer::new);
    }

    @PostMapping("/{opportunityId}/tasks/{taskId}/reopen")
    ResponseEntity<TaskAnswer> reopenTask(@PathVariable String locationId, @PathVariable String opportunityId,
                                          @PathVariable String taskId,
                                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                          @RequestBody(required = false) NoFields noFields) {
        return sendAboutItem(locationId, opportunityId, taskId, ifMatch, ReopenTask::new, TaskAnswer::new);
    }

    @PatchMapping("/{opportunityId}/tasks/{taskId}")
    ResponseEntity<TaskAnswer> editTask(@PathVariable String locationId, @PathVariable String opportunityId,
                                        @PathVariable String taskId,
                                        @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                        @Valid @RequestBody EditTaskRequest request) {
        return sendAboutItem(locationId, opportunityId, taskId, ifMatch, request::toCommand, TaskAnswer::new);
    }

    @DeleteMapping("/{opportunityId}/tasks/{taskId}")
    ResponseEntity<TaskAnswer> deleteTask(@PathVariable String locationId, @PathVariable String opportunityId,
                                          @PathVariable String taskId,
                                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return sendAboutItem(locationId, opportunityId, taskId, ifMatch, DeleteTask::new, TaskAnswer::new);
    }

    @DeleteMapping("/{opportunityId}")
    ResponseEntity<CommandAnswer> delete(@PathVariable String locationId, @PathVariable String opportunityId,
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return sender.update(opportunityId,
                new DeleteOpportunity(opportunityId, LocationId.checked(locationId), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{opportunityId}/restore")
    ResponseEntity<CommandAnswer> restore(@PathVariable String locationId, @PathVariable String opportunityId,
                                          @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                          @RequestBody(required = false) NoFields noFields) {
        return sender.update(opportunityId,
                new RestoreOpportunity(opportunityId, LocationId.checked(locationId), IfMatch.expectedVersion(ifMatch)));
    }

    /**
     * Sends a command about one note or task of an opportunity and answers 200 with the opportunity's coordinates and
     * the item's id: every note and task endpoint differs only in the command it builds and the answer's shape.
     */
    private <A> ResponseEntity<A> sendAboutItem(String locationId, String opportunityId, String itemId, String ifMatch,
                                                ItemCommand command, ItemAnswer<A> answer) {
        long version = sender.sendAndWait(command.of(opportunityId, LocationId.checked(locationId), itemId,
                IfMatch.expectedVersion(ifMatch)));
        String token = sender.consistencyToken();
        return sender.answer(HttpStatus.OK, answer.of(opportunityId, version, token, itemId), null, token);
    }

    /** Builds a note or task command from the path and the {@code If-Match} header. */
    @FunctionalInterface
    private interface ItemCommand {
        Object of(String opportunityId, String locationId, String itemId, Long expectedVersion);
    }

    /** Builds a note or task command's answer ({@link NoteAnswer}, {@link TaskAnswer}). */
    @FunctionalInterface
    private interface ItemAnswer<A> {
        A of(String opportunityId, long version, String consistencyToken, String itemId);
    }
}
