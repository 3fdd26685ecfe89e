package io.dealflow.command.opportunity;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** The note and task commands over real HTTP: edit, delete, reopen, and their refusals, which store nothing. */
class NoteAndTaskApiTest extends OpportunityApiSupport {

    private String addNote(String id, String body) {
        HttpResponse<String> added = call("POST", opportunity(id, "/notes"), "{\"body\": \"" + body + "\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        return json(added).get("noteId").asText();
    }

    private String addTask(String id) {
        HttpResponse<String> added = call("POST", opportunity(id, "/tasks"),
                "{\"title\": \"Call\", \"dueAt\": \"2030-01-01T09:00:00Z\", \"assignedTo\": \"u-1\"}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        return json(added).get("taskId").asText();
    }

    private void assertRefused(HttpResponse<String> response, int status, String code, long eventsBefore) {
        assertProblem(response, status, code);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void editsAndDeletesANoteKeepingEveryBodyInTheHistory() {
        String id = createOpportunity();
        String noteId = addNote(id, "Called");

        HttpResponse<String> edited = call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \"Called twice\"}");
        assertThat(version(edited)).isEqualTo(3);
        assertThat(json(edited).get("noteId").asText()).isEqualTo(noteId);
        assertThat(edited.headers().firstValue("Consistency-Token")).isPresent();
        assertThat(version(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \"Called twice\"}")))
                .as("the same body again changes nothing").isEqualTo(3);
        assertThat(version(call("DELETE", opportunity(id, "/notes/" + noteId), null))).isEqualTo(4);
        assertThat(version(call("DELETE", opportunity(id, "/notes/" + noteId), null))).isEqualTo(4);

        assertThat(eventTypes(id)).containsExactly("OpportunityCreated", "OpportunityNoteAdded",
                "OpportunityNoteEdited", "OpportunityNoteDeleted");
        assertThat(payloads(id, "OpportunityNoteEdited").get(0).get("body").asText()).isEqualTo("Called twice");
    }

    @Test
    void refusesBadNoteEditsAndStoresNothing() {
        String id = createOpportunity();
        String noteId = addNote(id, "Called");
        long events = eventCount();

        assertRefused(call("PATCH", opportunity(id, "/notes/no-such-note"), "{\"body\": \"x\"}"), 404,
                "note-not-found", events);
        assertRefused(call("DELETE", opportunity(id, "/notes/no-such-note"), null), 404, "note-not-found", events);
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \" \"}"), 422, "validation",
                events);
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{}"), 422, "validation", events);
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \"" + "x".repeat(10_001)
                + "\"}"), 422, "validation", events);
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": 5, "), 400,
                "malformed-request", events);
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \"x\"}", "If-Match", "\"1\""),
                412, "stale-version", events);
        assertRefused(call("PATCH", opportunity("no-such-deal", "/notes/" + noteId), "{\"body\": \"x\"}"), 404,
                "opportunity-not-found", events);

        call("DELETE", opportunity(id, "/notes/" + noteId), null);
        long afterDelete = eventCount();
        assertRefused(call("PATCH", opportunity(id, "/notes/" + noteId), "{\"body\": \"x\"}"), 409, "note-deleted",
                afterDelete);
    }

    @Test
    void editsReopensAndDeletesATask() {
        String id = createOpportunity();
        String taskId = addTask(id);

        HttpResponse<String> edited = call("PATCH", opportunity(id, "/tasks/" + taskId),
                "{\"title\": \"Call back\", \"dueAt\": null}");
        assertThat(version(edited)).isEqualTo(3);
        assertThat(json(edited).get("taskId").asText()).isEqualTo(taskId);
        var payload = payloads(id, "OpportunityTaskEdited").get(0);
        assertThat(payload.get("title").asText()).isEqualTo("Call back");
        assertThat(payload.get("dueAt").isNull()).as("dueAt sent as null clears it").isTrue();
        assertThat(payload.get("assignedTo").asText()).as("assignedTo left out stays").isEqualTo("u-1");

        assertThat(version(call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null))).isEqualTo(4);
        assertThat(version(call("POST", opportunity(id, "/tasks/" + taskId + "/reopen"), null))).isEqualTo(5);
        assertThat(version(call("POST", opportunity(id, "/tasks/" + taskId + "/reopen"), "{}"))).isEqualTo(5);
        assertThat(version(call("DELETE", opportunity(id, "/tasks/" + taskId), null))).isEqualTo(6);
        assertThat(version(call("DELETE", opportunity(id, "/tasks/" + taskId), null))).isEqualTo(6);
        assertThat(eventTypes(id)).containsExactly("OpportunityCreated", "OpportunityTaskAdded",
                "OpportunityTaskEdited", "OpportunityTaskCompleted", "OpportunityTaskReopened",
                "OpportunityTaskDeleted");
    }

    @Test
    void refusesBadTaskCommandsAndStoresNothing() {
        String id = createOpportunity();
        String taskId = addTask(id);
        long events = eventCount();

        assertRefused(call("PATCH", opportunity(id, "/tasks/no-such-task"), "{\"title\": \"x\"}"), 404,
                "task-not-found", events);
        assertRefused(call("POST", opportunity(id, "/tasks/no-such-task/reopen"), null), 404, "task-not-found",
                events);
        assertRefused(call("DELETE", opportunity(id, "/tasks/no-such-task"), null), 404, "task-not-found", events);
        assertRefused(call("PATCH", opportunity(id, "/tasks/" + taskId), "{\"title\": null}"), 422, "invalid-title",
                events);
        assertRefused(call("PATCH", opportunity(id, "/tasks/" + taskId), "{\"title\": \"" + "t".repeat(256)
                + "\"}"), 422, "validation", events);
        assertRefused(call("PATCH", opportunity(id, "/tasks/" + taskId), "{\"dueAt\": \"tomorrow\"}"), 400,
                "malformed-request", events);
        assertRefused(call("PATCH", opportunity(id, "/tasks/" + taskId), "{\"priority\": 1}"), 400,
                "malformed-request", events);
        assertRefused(call("POST", opportunity(id, "/tasks/" + taskId + "/reopen"), "{\"x\": 1}"), 400,
                "malformed-request", events);

        call("DELETE", opportunity(id, "/tasks/" + taskId), null);
        long afterDelete = eventCount();
        assertRefused(call("PATCH", opportunity(id, "/tasks/" + taskId), "{\"title\": \"x\"}"), 409, "task-deleted",
                afterDelete);
        assertRefused(call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null), 409, "task-deleted",
                afterDelete);
        assertRefused(call("POST", opportunity(id, "/tasks/" + taskId + "/reopen"), null), 409, "task-deleted",
                afterDelete);
    }
}
