package io.dealflow.webhooks.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.Signatures;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliveries of notes and tasks to a real receiver: types, the note or task object, signatures, filters, replays. */
class NoteAndTaskDeliveryTest extends WebhookApiTest {

    static final String[] NOTE_AND_TASK_TYPES = {"NoteCreate", "NoteUpdate", "NoteDelete", "TaskCreate",
            "TaskUpdate", "TaskComplete", "TaskReopen", "TaskDelete"};

    private static final Instant DUE = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant DUE_LATER = Instant.parse("2026-03-08T17:30:00.250Z");

    /** The first arrival of each replayed event, in arrival order. */
    private List<Receiver.Request> replays(Receiver receiver) {
        Set<String> seen = new HashSet<>();
        return receiver.accepted().stream().filter(request -> read(request.body()).get("replay").asBoolean())
                .filter(request -> seen.add(request.webhookId())).toList();
    }

    private long recordedEvents(String opportunityId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.webhook_event WHERE opportunity_id = ?",
                Long.class, opportunityId);
        return count == null ? 0 : count;
    }

    @Test
    void deliversEachNoteAndTaskChangeWithTheNoteOrTaskAsItStandsSigned() throws Exception {
        try (Receiver notesAndTasks = Receiver.start(); Receiver dealsOnly = Receiver.start()) {
            String secret = subscribe(notesAndTasks.url(), NOTE_AND_TASK_TYPES).get("secret").asText();
            String dealsOnlyId = subscribe(dealsOnly.url(), DeliveryTest.ALL_TYPES).get("id").asText();
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"));
            events.appendAs("key-7", id,
                    new OpportunityNoteAdded(id, location, "n-1", "Called Ada"),
                    new OpportunityNoteEdited(id, location, "n-1", "Called Ada twice"),
                    new OpportunityNoteDeleted(id, location, "n-1"),
                    new OpportunityTaskAdded(id, location, "t-1", "Send offer", DUE, "u-3"),
                    new OpportunityTaskEdited(id, location, "t-1", "Send final offer", DUE_LATER, "u-4"),
                    new OpportunityTaskCompleted(id, location, "t-1"),
                    new OpportunityTaskReopened(id, location, "t-1"),
                    new OpportunityTaskDeleted(id, location, "t-1"));

            await().atMost(Duration.ofSeconds(20)).until(() -> notesAndTasks.acceptedOnce().size() == 8);

            List<JsonNode> bodies = notesAndTasks.acceptedOnce().stream().map(request -> read(request.body()))
                    .toList();
            assertThat(bodies).extracting(body -> body.get("type").asText()).containsExactly(NOTE_AND_TASK_TYPES);
            for (Receiver.Request request : notesAndTasks.requests()) {
                assertThat(Signatures.verify(secret, request.webhookId(), request.timestamp(), request.body(),
                        request.signature())).as(request.body()).isTrue();
                JsonNode body = read(request.body());
                assertThat(body.get("eventId").asText()).isEqualTo(request.webhookId());
                assertThat(body.get("locationId").asText()).isEqualTo(location);
                assertThat(body.get("replay").asBoolean()).isFalse();
                assertThat(body.has("previous")).isFalse();
                assertThat(body.get("opportunity").get("id").asText()).isEqualTo(id);
                assertThat(body.get("opportunity").get("indexVersion").asLong())
                        .isEqualTo(body.get("sequence").asLong() + 1);
            }
            assertThat(bodies).extracting(body -> body.get("sequence").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);

            JsonNode noteCreate = bodies.get(0);
            assertThat(noteCreate.has("task")).isFalse();
            assertThat(noteCreate.get("note").get("id").asText()).isEqualTo("n-1");
            assertThat(noteCreate.get("note").get("body").asText()).isEqualTo("Called Ada");
            assertThat(noteCreate.get("note").get("createdBy").asText()).isEqualTo("key-7");
            assertThat(noteCreate.get("note").get("createdAt").asText())
                    .isEqualTo(noteCreate.get("occurredAt").asText());
            JsonNode noteUpdate = bodies.get(1);
            assertThat(noteUpdate.get("note").get("body").asText()).isEqualTo("Called Ada twice");
            assertThat(noteUpdate.get("note").get("createdAt").asText())
                    .isEqualTo(noteCreate.get("note").get("createdAt").asText());
            assertThat(noteUpdate.get("note").get("createdBy").asText()).isEqualTo("key-7");
            assertThat(noteUpdate.get("note").get("updatedAt").asText())
                    .isEqualTo(noteUpdate.get("occurredAt").asText());
            JsonNode noteDelete = bodies.get(2);
            assertThat(noteDelete.get("note").get("id").asText()).isEqualTo("n-1");
            assertThat(noteDelete.get("note").get("body").asText()).isEqualTo("Called Ada twice");

            JsonNode taskCreate = bodies.get(3).get("task");
            assertThat(bodies.get(3).has("note")).isFalse();
            assertThat(taskCreate.get("id").asText()).isEqualTo("t-1");
            assertThat(taskCreate.get("title").asText()).isEqualTo("Send offer");
            assertThat(taskCreate.get("dueAt").asText()).isEqualTo("2026-03-01T09:00:00.000Z");
            assertThat(taskCreate.get("assignedTo").asText()).isEqualTo("u-3");
            assertThat(taskCreate.get("status").asText()).isEqualTo("open");
            assertThat(taskCreate.get("createdBy").asText()).isEqualTo("key-7");
            assertThat(taskCreate.get("completedAt").isNull()).isTrue();
            JsonNode taskUpdate = bodies.get(4).get("task");
            assertThat(taskUpdate.get("title").asText()).isEqualTo("Send final offer");
            assertThat(taskUpdate.get("dueAt").asText()).isEqualTo("2026-03-08T17:30:00.250Z");
            assertThat(taskUpdate.get("assignedTo").asText()).isEqualTo("u-4");
            assertThat(taskUpdate.get("createdAt").asText()).isEqualTo(taskCreate.get("createdAt").asText());
            JsonNode taskComplete = bodies.get(5).get("task");
            assertThat(taskComplete.get("status").asText()).isEqualTo("completed");
            assertThat(taskComplete.get("title").asText()).isEqualTo("Send final offer");
            assertThat(taskComplete.get("assignedTo").asText()).isEqualTo("u-4");
            assertThat(taskComplete.get("completedAt").asText()).isEqualTo(bodies.get(5).get("occurredAt").asText());
            JsonNode taskReopen = bodies.get(6).get("task");
            assertThat(taskReopen.get("status").asText()).isEqualTo("open");
            assertThat(taskReopen.get("completedAt").isNull()).isTrue();
            JsonNode taskDelete = bodies.get(7).get("task");
            assertThat(taskDelete.get("id").asText()).isEqualTo("t-1");
            assertThat(taskDelete.get("title").asText()).isEqualTo("Send final offer");
            assertThat(taskDelete.get("status").asText()).isEqualTo("open");

            // The deal's events are recorded in order, each with all its deliveries: once its last one arrived above,
            // the subscription to the opportunity types has every delivery it will get, the creation alone.
            await().atMost(Duration.ofSeconds(20)).until(() -> dealsOnly.acceptedOnce().size() == 1);
            JsonNode log = read(call("GET", at("/webhooks/" + dealsOnlyId + "/deliveries"), null)).get("items");
            assertThat(log).hasSize(1);
            assertThat(log.get(0).get("type").asText()).isEqualTo("OpportunityCreate");
            assertThat(dealsOnly.requests()).allSatisfy(request ->
                    assertThat(read(request.body()).get("type").asText()).isEqualTo("OpportunityCreate"));
        }
    }

    @Test
    void subscriptionFiltersApplyToNotesAndTasksByTheDealsStageAndStatus() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            HttpResponse<String> subscribed = call("POST", at("/webhooks"), "{\"url\":\"" + receiver.url() + "\","
                    + "\"events\":[\"NoteCreate\",\"TaskCreate\"],\"stageId\":\"s-1\",\"status\":\"open\"}");
            assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
            String subscriptionId = read(subscribed).get("id").asText();
            String a = "opp-" + UUID.randomUUID();
            String b = "opp-" + UUID.randomUUID();
            events.append(a, created(a, location, "p-1", "s-1"),
                    new OpportunityNoteAdded(a, location, "a-note", "in s-1, open"),
                    new OpportunityWon(a, location),
                    new OpportunityTaskAdded(a, location, "a-task-won", "on a won deal", null, null),
                    new OpportunityReopened(a, location, "won"),
                    new OpportunityTaskAdded(a, location, "a-task", "open again", null, null));
            events.append(b, created(b, location, "p-1", "s-2"),
                    new OpportunityNoteAdded(b, location, "b-note-s2", "in s-2"),
                    moved(b, location, "p-1", "s-2", "s-1"),
                    new OpportunityNoteAdded(b, location, "b-note", "in s-1 now"));

            // The last event of each deal is a wanted one: once both arrived, every earlier one was recorded.
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 3);

            assertThat(receiver.acceptedOnce()).extracting(request -> {
                JsonNode body = read(request.body());
                return body.has("note") ? body.get("note").get("id").asText() : body.get("task").get("id").asText();
            }).containsExactlyInAnyOrder("a-note", "a-task", "b-note");
            assertThat(read(call("GET", at("/webhooks/" + subscriptionId + "/deliveries"), null)).get("items"))
                    .hasSize(3);
        }
    }

    @Test
    void noteAndTaskAddedBeforeTheOutboxKeptThemAreFoldedFromTheDealsEvents() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            subscribe(receiver.url(), "NoteUpdate", "TaskComplete");
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"));
            events.appendAs("key-3", id, new OpportunityTaskAdded(id, location, "t-old", "Old task", DUE, "u-5"),
                    new OpportunityNoteAdded(id, location, "n-old", "Old note"),
                    new OpportunityTaskEdited(id, location, "t-old", "Old task, renamed", DUE, "u-6"));
            await().atMost(Duration.ofSeconds(20)).until(() -> recordedEvents(id) == 4);
            // As an outbox from before notes and tasks were kept would have it: no row of either.
            jdbc.update("DELETE FROM webhooks.opportunity_item WHERE opportunity_id = ?", id);

            events.appendAs("key-4", id, new OpportunityTaskCompleted(id, location, "t-old"),
                    new OpportunityNoteEdited(id, location, "n-old", "Old note, edited"));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 2);
            JsonNode completed = read(receiver.acceptedOnce().get(0).body());
            JsonNode task = completed.get("task");
            assertThat(task.get("id").asText()).isEqualTo("t-old");
            assertThat(task.get("title").asText()).isEqualTo("Old task, renamed");
            assertThat(task.get("assignedTo").asText()).isEqualTo("u-6");
            assertThat(task.get("dueAt").asText()).isEqualTo("2026-03-01T09:00:00.000Z");
            assertThat(task.get("createdBy").asText()).isEqualTo("key-3");
            assertThat(task.get("createdAt").asText()).isNotEmpty();
            assertThat(task.get("status").asText()).isEqualTo("completed");
            assertThat(task.get("completedAt").asText()).isEqualTo(completed.get("occurredAt").asText());
            JsonNode note = read(receiver.acceptedOnce().get(1).body()).get("note");
            assertThat(note.get("body").asText()).isEqualTo("Old note, edited");
            assertThat(note.get("createdBy").asText()).isEqualTo("key-3");
            assertThat(note.get("createdAt").asText()).isNotEmpty().isLessThan(note.get("updatedAt").asText());
            Long kept = jdbc.queryForObject("SELECT count(*) FROM webhooks.opportunity_item WHERE opportunity_id = ?",
                    Long.class, id);
            assertThat(kept).isEqualTo(2);
        }
    }

    @Test
    void replayAndResendSendTheNoteOrTaskAsRecorded() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String subscriptionId = subscribe(receiver.url(), "TaskCreate", "TaskComplete").get("id").asText();
            Instant from = clock.instant();
            String id = "opp-" + UUID.randomUUID();
            events.append(id, created(id, location, "p-1", "s-1"),
                    new OpportunityTaskAdded(id, location, "t-1", "Call back", DUE, "u-1"),
                    new OpportunityTaskCompleted(id, location, "t-1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 2);
            Receiver.Request completed = receiver.acceptedOnce().get(1);
            assertThat(read(completed.body()).get("task").get("status").asText()).isEqualTo("completed");
            String deliveries = at("/webhooks/" + subscriptionId + "/deliveries");
            // Resend once the first attempt is logged as delivered, not while its answer is still being recorded.
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    read(call("GET", deliveries + "?status=delivered", null)).get("items").size() == 2);
            int before = receiver.accepted().size();

            HttpResponse<String> resent = call("POST", deliveries + "/" + completed.webhookId() + "/resend", null);

            assertThat(resent.statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() > before);
            assertThat(receiver.accepted().get(before).webhookId()).isEqualTo(completed.webhookId());
            assertThat(receiver.accepted().get(before).body()).isEqualTo(completed.body());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    read(call("GET", deliveries + "?status=delivered", null)).get("items").size() == 2);

            HttpResponse<String> replay = call("POST", at("/webhooks/" + subscriptionId + "/replay?from=" + from),
                    null);

            assertThat(replay.statusCode()).isEqualTo(202);
            assertThat(read(replay).get("queued").asInt()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(20)).until(() -> replays(receiver).size() == 2);
            List<Receiver.Request> replayed = replays(receiver);
            assertThat(replayed).extracting(Receiver.Request::webhookId)
                    .containsExactly(receiver.acceptedOnce().get(0).webhookId(), completed.webhookId());
            assertThat(replayed.get(1).body()).isEqualTo(completed.body().replace("\"replay\":false}",
                    "\"replay\":true}"));
            assertThat(read(replayed.get(0).body()).get("task").get("title").asText()).isEqualTo("Call back");
        }
    }
}
