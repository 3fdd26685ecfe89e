package io.dealflow.query.workspace;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The note and task lists of a deal and the location's task list, over real HTTP on projected events. */
class WorkspaceApiTest extends QueryApiTest {

    private static final Instant MONDAY = Instant.parse("2030-01-07T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2030-01-08T09:00:00Z");
    private static final Instant FRIDAY = Instant.parse("2030-01-11T09:00:00Z");

    private static List<String> values(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.get(field).asText()));
        return values;
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/" + code);
    }

    @Test
    void listsNotesNewestFirstInCursorPagesWithTheirLatestBodyAndAuthor() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");
        String id = deal.opportunityId();
        events.append(sales, deal);
        Map<String, String> byAnn = Map.of(EventMetadata.ACTOR, "key-1", EventMetadata.ACTING_USER, "ann");
        events.appendWith(byAnn, new OpportunityNoteAdded(id, location, "n1", "first"));
        events.appendWith(Map.of(EventMetadata.ACTOR, "key-1"), new OpportunityNoteAdded(id, location, "n2", "second"));
        events.append(new OpportunityNoteAdded(id, location, "n3", "third"));
        String token = events.append(new OpportunityNoteEdited(id, location, "n1", "first, edited"),
                new OpportunityNoteDeleted(id, location, "n3"));

        JsonNode first = read(at("/opportunities/" + id + "/notes?limit=1"), token);
        assertThat(values(first.get("items"), "id")).containsExactly("n2");
        assertThat(first.get("items").get(0).get("createdBy").asText()).isEqualTo("key-1");
        JsonNode second = read(at("/opportunities/" + id + "/notes?limit=1&cursor=" + first.get("nextCursor").asText()),
                token);
        JsonNode note = second.get("items").get(0);
        assertThat(note.get("id").asText()).isEqualTo("n1");
        assertThat(note.get("body").asText()).isEqualTo("first, edited");
        assertThat(note.get("createdBy").asText()).as("the user the key acted for").isEqualTo("ann");
        assertThat(Instant.parse(note.get("updatedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(note.get("createdAt").asText()));
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void listsADealsTasksByStatus() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");
        String id = deal.opportunityId();
        String token = events.append(sales, deal,
                new OpportunityTaskAdded(id, location, "t1", "Call", FRIDAY, "ann"),
                new OpportunityTaskAdded(id, location, "t2", "Mail", MONDAY, null),
                new OpportunityTaskAdded(id, location, "t3", "Visit", null, "bob"),
                new OpportunityTaskAdded(id, location, "t4", "Gone", TUESDAY, "bob"),
                new OpportunityTaskCompleted(id, location, "t2"),
                new OpportunityTaskCompleted(id, location, "t3"),
                new OpportunityTaskReopened(id, location, "t3"),
                new OpportunityTaskEdited(id, location, "t1", "Call back", TUESDAY, "cat"),
                new OpportunityTaskDeleted(id, location, "t4"));

        JsonNode all = read(at("/opportunities/" + id + "/tasks?status=all"), token).get("items");
        assertThat(values(all, "id")).containsExactly("t2", "t1", "t3");
        JsonNode open = read(at("/opportunities/" + id + "/tasks?status=open"), token).get("items");
        assertThat(values(open, "id")).containsExactly("t1", "t3");
        assertThat(open.get(0).get("title").asText()).isEqualTo("Call back");
        assertThat(open.get(0).get("assignedTo").asText()).isEqualTo("cat");
        assertThat(open.get(0).get("dueAt").asText()).isEqualTo("2030-01-08T09:00:00Z");
        assertThat(open.get(1).get("completedAt").isNull()).as("reopened").isTrue();
        JsonNode completed = read(at("/opportunities/" + id + "/tasks?status=completed"), token).get("items");
        assertThat(values(completed, "id")).containsExactly("t2");
        assertThat(completed.get(0).get("completedAt").isNull()).isFalse();
        assertThat(completed.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("id", "title", "dueAt",
                "assignedTo", "status", "createdAt", "completedAt");
    }

    @Test
    void listsTheLocationsTasksSoonestDueFirstWithTheirDealAcrossCursorPages() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated acme = Given.opportunity(sales, 0, "Acme", "10", "ann");
        OpportunityCreated bolt = Given.opportunity(sales, 0, "Bolt", "10", "ann");
        OpportunityCreated gone = Given.opportunity(sales, 0, "Gone", "10", "ann");
        PipelineCreated theirs = Given.pipeline("other-" + location, "Theirs", "New");
        OpportunityCreated foreign = Given.opportunity(theirs, 0, "Foreign", "10", "ann");
        String token = events.append(sales, acme, bolt, gone, theirs, foreign,
                new OpportunityTaskAdded(acme.opportunityId(), location, "a1", "No date", null, "ann"),
                new OpportunityTaskAdded(acme.opportunityId(), location, "a2", "Friday", FRIDAY, "ann"),
                new OpportunityTaskAdded(bolt.opportunityId(), location, "b1", "Monday", MONDAY, "ann"),
                new OpportunityTaskAdded(bolt.opportunityId(), location, "b2", "Tuesday, Bob", TUESDAY, "bob"),
                new OpportunityTaskAdded(bolt.opportunityId(), location, "b3", "Done", MONDAY, "ann"),
                new OpportunityTaskCompleted(bolt.opportunityId(), location, "b3"),
                new OpportunityTaskAdded(gone.opportunityId(), location, "g1", "Of a deleted deal", MONDAY, "ann"),
                new OpportunityDeleted(gone.opportunityId(), location),
                new OpportunityTaskAdded(foreign.opportunityId(), "other-" + location, "f1", "Foreign", MONDAY, "ann"),
                new OpportunityRenamed(bolt.opportunityId(), location, "Bolt renewal"));

        JsonNode page = read(at("/tasks?assignedTo=ann&limit=2"), token);
        assertThat(values(page.get("items"), "id")).containsExactly("b1", "a2");
        assertThat(page.get("items").get(0).get("opportunityId").asText()).isEqualTo(bolt.opportunityId());
        assertThat(page.get("items").get(0).get("opportunityName").asText()).isEqualTo("Bolt renewal");
        JsonNode next = read(at("/tasks?assignedTo=ann&limit=2&cursor=" + page.get("nextCursor").asText()), token);
        assertThat(values(next.get("items"), "id")).as("no due date comes last").containsExactly("a1");
        assertThat(next.get("nextCursor").isNull()).isTrue();

        assertThat(values(read(at("/tasks"), token).get("items"), "id")).containsExactly("b1", "b2", "a2", "a1");
        assertThat(values(read(at("/tasks?status=completed"), token).get("items"), "id")).containsExactly("b3");
        assertThat(values(read(at("/tasks?status=all&dueBefore=2030-01-08T09:00:00Z"), token).get("items"), "id"))
                .containsExactlyInAnyOrder("b1", "b3");

        String restored = events.append(new OpportunityRestored(gone.opportunityId(), location));
        assertThat(values(read(at("/tasks?dueBefore=2030-01-08T00:00:00Z"), restored).get("items"), "id"))
                .containsExactlyInAnyOrder("b1", "g1");
    }

    @Test
    void showsNotesAndTasksAsTheyStoodAtAnInstant() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");
        String id = deal.opportunityId();
        Instant day1 = Instant.parse("2026-01-01T10:00:00Z");
        Instant day2 = Instant.parse("2026-01-02T10:00:00Z");
        Instant day3 = Instant.parse("2026-01-03T10:00:00Z");
        events.appendAt(day1, sales, deal, new OpportunityNoteAdded(id, location, "n1", "first"),
                new OpportunityTaskAdded(id, location, "t1", "Call", MONDAY, "ann"));
        events.appendAt(day2, new OpportunityNoteEdited(id, location, "n1", "first, edited"),
                new OpportunityTaskCompleted(id, location, "t1"), new OpportunityNoteAdded(id, location, "n2", "x"));
        String token = events.appendAt(day3, new OpportunityNoteDeleted(id, location, "n1"),
                new OpportunityTaskDeleted(id, location, "t1"));

        JsonNode notesOnDay1 = read(at("/opportunities/" + id + "/notes?asOf=2026-01-01T12:00:00Z"), token);
        assertThat(values(notesOnDay1.get("items"), "body")).containsExactly("first");
        JsonNode notesOnDay2 = read(at("/opportunities/" + id + "/notes?asOf=2026-01-02T12:00:00Z&limit=1"), token);
        assertThat(values(notesOnDay2.get("items"), "id")).containsExactly("n2");
        JsonNode older = read(at("/opportunities/" + id + "/notes?asOf=2026-01-02T12:00:00Z&limit=1&cursor="
                + notesOnDay2.get("nextCursor").asText()), token);
        assertThat(values(older.get("items"), "body")).containsExactly("first, edited");
        assertThat(values(read(at("/opportunities/" + id + "/tasks?asOf=2026-01-01T12:00:00Z&status=open"), token)
                .get("items"), "id")).containsExactly("t1");
        assertThat(values(read(at("/opportunities/" + id + "/tasks?asOf=2026-01-02T12:00:00Z"), token)
                .get("items"), "status")).containsExactly("completed");
        assertThat(read(at("/opportunities/" + id + "/tasks?asOf=2026-01-03T12:00:00Z"), token).get("items"))
                .isEmpty();
        assertProblem(get(at("/opportunities/" + id + "/notes?asOf=2025-12-31")), 404, "opportunity-not-found");
        assertProblem(get(at("/opportunities/" + id + "/tasks?asOf=yesterday")), 400, "bad-parameter");
    }

    @Test
    void answers404ForNotesAndTasksOfUnknownDeletedOrForeignDeals() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deleted = Given.opportunity(sales, 0, "Deleted", "10", "ann");
        PipelineCreated theirs = Given.pipeline("other-" + location, "Theirs", "New");
        OpportunityCreated foreign = Given.opportunity(theirs, 0, "Foreign", "10", "ann");
        String token = events.append(sales, deleted, theirs, foreign,
                new OpportunityDeleted(deleted.opportunityId(), location));

        for (String id : List.of(deleted.opportunityId(), foreign.opportunityId(), "no-such-deal")) {
            assertProblem(get(at("/opportunities/" + id + "/notes"), "Consistency-Token", token), 404,
                    "opportunity-not-found");
            assertProblem(get(at("/opportunities/" + id + "/tasks"), "Consistency-Token", token), 404,
                    "opportunity-not-found");
        }
    }

    @Test
    void refusesBadParameters() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");
        String token = events.append(sales, deal);
        String notes = at("/opportunities/" + deal.opportunityId() + "/notes");

        assertProblem(get(notes + "?limit=0", "Consistency-Token", token), 400, "bad-parameter");
        assertProblem(get(notes + "?limit=101"), 400, "bad-parameter");
        assertProblem(get(notes + "?cursor=garbage"), 400, "bad-parameter");
        assertProblem(get(at("/opportunities/" + deal.opportunityId() + "/tasks?status=done")), 400,
                "bad-parameter");
        assertProblem(get(at("/tasks?status=overdue")), 400, "bad-parameter");
        assertProblem(get(at("/tasks?dueBefore=someday")), 400, "bad-parameter");
        assertProblem(get(at("/tasks?limit=501")), 400, "bad-parameter");
        assertProblem(get(at("/tasks?cursor=bm90IGEgY3Vyc29y")), 400, "bad-parameter");
        String otherQuery = events.append(new OpportunityTaskAdded(deal.opportunityId(), location, "t1", "a", MONDAY,
                null), new OpportunityTaskAdded(deal.opportunityId(), location, "t2", "b", TUESDAY, null));
        String cursor = read(at("/tasks?limit=1"), otherQuery).get("nextCursor").asText();
        assertProblem(get(at("/tasks?limit=1&assignedTo=ann&cursor=" + cursor)), 400, "bad-parameter");
    }
}
