package io.dealflow.query.asof;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.query.BatchHarness;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Card versions are worked out per processor batch: whatever the batches, they must end as one event at a time
 * leaves them, and a redelivered batch must change nothing.
 */
class HistoryBatchTest {

    private static final String LOCATION = "loc-history";
    private static final String CARDS = """
            SELECT opportunity_id, location_id, pipeline_id, stage_id, name, status, monetary_value, currency,
                   contact_id, contact_name, contact_email, contact_phone, contact_company, source, assigned_to,
                   array_to_string(tags, ',') AS tags, last_stage_change_at, deleted, from_index, to_index,
                   valid::text AS valid
            FROM read_model.card_version ORDER BY opportunity_id, from_index""";
    private static final String STAGES = "SELECT * FROM read_model.stage_version ORDER BY stage_id, from_index";
    private static final String TASKS = """
            SELECT opportunity_id, task_id, status, due_at, from_index, to_index, valid::text AS valid
            FROM read_model.task_version ORDER BY opportunity_id, task_id, from_index""";
    private static final Instant MONDAY = Instant.parse("2026-02-02T09:00:00Z");
    private static final Instant FRIDAY = Instant.parse("2026-02-06T17:00:00Z");
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private final BatchHarness store = new BatchHarness();
    private List<TrackedEventMessage<?>> events;
    private String acme;
    private String beta;

    /**
     * A deal's life with a no-op, a note, a clock stepping back, a pipeline event and another deal between; then the
     * other deal's tasks: added, a title-only edit (no version), a due date edited, completed, reopened, deleted,
     * one added with the clock stepping back.
     */
    @BeforeEach
    void aLife() {
        PipelineCreated pipeline = Given.pipeline(LOCATION, "Sales", "New", "Demo", "Closing");
        String pipelineId = pipeline.pipelineId();
        String first = pipeline.stages().get(0).id();
        String second = pipeline.stages().get(1).id();
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        OpportunityCreated other = Given.opportunity(pipeline, 0, "Beta", "20", "bob");
        acme = deal.opportunityId();
        at(1, pipeline);
        at(2, deal);
        at(3, new OpportunityStageMoved(acme, LOCATION, pipelineId, first, pipelineId, second));
        at(4, other);
        at(5, new OpportunityValueChanged(acme, LOCATION, new BigDecimal("250.50"), "EUR"));
        at(6, new PipelineStageRenamed(pipelineId, LOCATION, second, "Demo done"));
        at(7, new OpportunityNoteAdded(acme, LOCATION, "n1", "called"));
        at(8, new OpportunityRenamed(acme, LOCATION, "Acme"));
        at(4, new OpportunityContactChanged(acme, LOCATION, new Contact("c9", "Zoe", null, null, "Zed")));
        at(10, new OpportunityWon(other.opportunityId(), LOCATION));
        at(11, new OpportunityWon(acme, LOCATION));
        at(12, new OpportunityTagsChanged(acme, LOCATION, List.of("vip", "q3")));
        at(13, new OpportunityReopened(acme, LOCATION, "won"));
        at(14, new OpportunityDeleted(acme, LOCATION));
        beta = other.opportunityId();
        at(15, new OpportunityTaskAdded(beta, LOCATION, "t1", "Call", FRIDAY, "bob"));
        at(16, new OpportunityTaskEdited(beta, LOCATION, "t1", "Call back", FRIDAY, "ann"));
        at(17, new OpportunityTaskEdited(beta, LOCATION, "t1", "Call back", MONDAY, "ann"));
        at(18, new OpportunityTaskCompleted(beta, LOCATION, "t1"));
        at(16, new OpportunityTaskAdded(beta, LOCATION, "t2", "Send the offer", null, null));
        at(19, new OpportunityTaskDeleted(beta, LOCATION, "t2"));
        at(20, new OpportunityTaskReopened(beta, LOCATION, "t1"));
        at(21, new OpportunityTaskDeleted(beta, LOCATION, "t1"));
        events = store.events();
    }

    @Test
    void severalEventsOfOneDealInOneBatchGiveTheVersionsOfOneByOne() {
        JdbcTemplate oneByOne = replay(events.stream().map(List::<TrackedEventMessage<?>>of).toList());
        JdbcTemplate oneBatch = replay(List.of(events));
        JdbcTemplate twoBatches = replay(List.of(events.subList(0, 6), events.subList(6, events.size())));

        List<Map<String, Object>> versions = oneByOne.queryForList(CARDS);
        assertThat(versions).hasSize(10);
        assertThat(oneBatch.queryForList(CARDS)).isEqualTo(versions);
        assertThat(twoBatches.queryForList(CARDS)).isEqualTo(versions);
        assertThat(oneBatch.queryForList(STAGES)).isEqualTo(oneByOne.queryForList(STAGES));
        assertThat(oneBatch.queryForList(TASKS)).isEqualTo(oneByOne.queryForList(TASKS));
        assertThat(twoBatches.queryForList(TASKS)).isEqualTo(oneByOne.queryForList(TASKS));

        List<Map<String, Object>> acmeVersions = oneBatch.queryForList("""
                SELECT from_index, to_index, lower(valid) AS since, status, deleted, contact_name
                FROM read_model.card_version WHERE opportunity_id = ? ORDER BY from_index""", acme);
        // created, moved, revalued, contact (the note and the rename to the same name change nothing), won,
        // tagged, reopened, deleted
        assertThat(acmeVersions).extracting(row -> row.get("from_index"))
                .containsExactly(2L, 3L, 5L, 9L, 11L, 12L, 13L, 14L);
        for (int i = 0; i + 1 < acmeVersions.size(); i++) {
            assertThat(acmeVersions.get(i).get("to_index")).isEqualTo(acmeVersions.get(i + 1).get("from_index"));
        }
        assertThat(acmeVersions.get(3)).containsEntry("contact_name", "Zoe");
        assertThat(((OffsetDateTime) oneBatch.queryForObject("""
                SELECT lower(valid) FROM read_model.card_version WHERE opportunity_id = ? AND from_index = 9""",
                OffsetDateTime.class, acme)).toInstant())
                .as("a version never starts before the one it follows").isEqualTo(START.plusSeconds(5));
        assertThat(acmeVersions.get(acmeVersions.size() - 1)).containsEntry("to_index", null)
                .containsEntry("status", "open").containsEntry("deleted", true);
    }

    @Test
    void taskVersionsFollowStatusAndDueDateAndEndWhenTheTaskIsDeleted() {
        JdbcTemplate oneBatch = replay(List.of(events));

        List<Map<String, Object>> versions = oneBatch.queryForList("""
                SELECT task_id, status, due_at, from_index, to_index, lower(valid) AS since, upper(valid) AS until
                FROM read_model.task_version WHERE opportunity_id = ? ORDER BY task_id, from_index""", beta);
        // t1: added, due date moved (the title-only edit changes nothing), completed, reopened, deleted;
        // t2: added, deleted
        assertThat(versions).extracting(row -> row.get("task_id") + "@" + row.get("from_index") + "-"
                + row.get("to_index") + " " + row.get("status"))
                .containsExactly("t1@15-17 open", "t1@17-18 open", "t1@18-21 completed", "t1@21-22 open",
                        "t2@19-20 open");
        assertThat(((Timestamp) versions.get(1).get("due_at")).toInstant()).isEqualTo(MONDAY);
        assertThat(((Timestamp) versions.get(4).get("since")).toInstant())
                .as("a task added with a clock stepping back starts when it was stamped")
                .isEqualTo(START.plusSeconds(16));
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<TrackedEventMessage<?>> firstBatch = events.subList(0, 7);
        List<TrackedEventMessage<?>> secondBatch = events.subList(7, events.size());
        JdbcTemplate jdbc = replay(List.of(firstBatch, secondBatch));
        List<Map<String, Object>> versions = jdbc.queryForList(CARDS);
        List<Map<String, Object>> stages = jdbc.queryForList(STAGES);
        List<Map<String, Object>> tasks = jdbc.queryForList(TASKS);
        Object[] projections = HistoryProjections.on(jdbc);

        BatchHarness.handle(jdbc, secondBatch, projections);
        BatchHarness.handle(jdbc, firstBatch, projections);
        BatchHarness.handle(jdbc, events, projections);

        assertThat(jdbc.queryForList(CARDS)).isEqualTo(versions);
        assertThat(jdbc.queryForList(STAGES)).isEqualTo(stages);
        assertThat(jdbc.queryForList(TASKS)).isEqualTo(tasks);
    }

    private static JdbcTemplate replay(List<List<TrackedEventMessage<?>>> batches) {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        Object[] projections = HistoryProjections.on(jdbc);
        batches.forEach(batch -> BatchHarness.handle(jdbc, batch, projections));
        return jdbc;
    }

    private void at(int second, Object payload) {
        store.event(payload, START.plusSeconds(second), "key-1");
    }
}
