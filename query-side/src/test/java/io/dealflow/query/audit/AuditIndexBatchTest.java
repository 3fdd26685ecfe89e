package io.dealflow.query.audit;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.BatchHarness;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit index writes a processor batch's rows with one statement when it commits. */
class AuditIndexBatchTest {

    private static final String ROWS = "SELECT * FROM read_model.audit_event ORDER BY global_index";
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void indexesEveryEventOfABatchAndARedeliveredBatchChangesNothing() {
        BatchHarness store = new BatchHarness();
        PipelineCreated pipeline = Given.pipeline("loc-audit", "Sales", "New");
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        store.event(pipeline, START, "key-1");
        store.event(deal, START.plusMillis(1500), "key-2");
        store.event(new OpportunityNoteAdded(deal.opportunityId(), "loc-audit", "n1", "called"),
                START.plusSeconds(2), "key-2");
        store.event(new OpportunityWon(deal.opportunityId(), "loc-audit"), START.plusSeconds(3), "key-1");
        List<TrackedEventMessage<?>> events = store.events();
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        AuditIndexProjection projection = new AuditIndexProjection(jdbc);

        BatchHarness.handle(jdbc, events.subList(0, 3), projection);
        BatchHarness.handle(jdbc, events.subList(3, 4), projection);
        List<Map<String, Object>> rows = jdbc.queryForList(ROWS);
        BatchHarness.handle(jdbc, events, projection);

        assertThat(jdbc.queryForList(ROWS)).isEqualTo(rows);
        assertThat(rows).extracting(row -> row.get("global_index")).containsExactly(1L, 2L, 3L, 4L);
        Map<String, Object> created = jdbc.queryForMap("""
                SELECT location_id, aggregate_id, sequence, type, occurred_at, actor FROM read_model.audit_event
                WHERE global_index = 2""");
        assertThat(created).containsEntry("location_id", "loc-audit")
                .containsEntry("aggregate_id", deal.opportunityId()).containsEntry("sequence", 0L)
                .containsEntry("type", "OpportunityCreated").containsEntry("actor", "key-2");
        assertThat(((Timestamp) created.get("occurred_at")).toInstant()).isEqualTo(START.plusMillis(1500));
        assertThat(jdbc.queryForObject("SELECT sequence FROM read_model.audit_event WHERE global_index = 4",
                Long.class)).isEqualTo(2);
    }
}
