package io.dealflow.query.opportunity;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityFollowerRemoved;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.BatchHarness;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opportunity rows are folded per processor batch: whatever the batches, they must end as one event at a time leaves
 * them, and a redelivered batch must change nothing.
 */
class OpportunityBatchTest {

    private static final String LOCATION = "loc-opp-batch";
    private static final String ROWS = """
            SELECT opportunity_id, location_id, name, pipeline_id, stage_id, status, monetary_value, currency,
                   contact_id, contact_name, contact_email, contact_phone, contact_company, source, assigned_to,
                   array_to_string(followers, ',', '~') AS followers, array_to_string(tags, ',', '~') AS tags,
                   custom_fields::text AS custom_fields, lost_reason_id, lost_reason, created_at, updated_at,
                   last_stage_change_at, last_status_change_at, deleted, version, name_key, search_text
            FROM read_model.opportunity ORDER BY opportunity_id""";
    private static final Instant START = Instant.parse("2026-02-02T10:00:00Z");

    private final BatchHarness store = new BatchHarness();
    private List<TrackedEventMessage<?>> events;
    private String acme;
    private String beta;

    /** Two deals through every kind of event, with a clock stepping back and a change before its deal exists. */
    @BeforeEach
    void twoLives() {
        PipelineCreated pipeline = Given.pipeline(LOCATION, "Sales", "New", "Demo", "Closing");
        String pipelineId = pipeline.pipelineId();
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        OpportunityCreated other = Given.opportunity(pipeline, 1, "Beta", "20", "bob");
        acme = deal.opportunityId();
        beta = other.opportunityId();
        at(1, new OpportunityRenamed(beta, LOCATION, "Beta early"));
        at(2, deal);
        at(3, new OpportunityStageMoved(acme, LOCATION, pipelineId, pipeline.stages().get(0).id(), pipelineId,
                pipeline.stages().get(2).id()));
        at(4, other);
        at(5, new OpportunityValueChanged(acme, LOCATION, new BigDecimal("250.50"), "EUR"));
        at(6, new OpportunityFollowerAdded(acme, LOCATION, "u1"));
        at(7, new OpportunityFollowerAdded(acme, LOCATION, "u2"));
        at(8, new OpportunityFollowerAdded(acme, LOCATION, "u1"));
        at(9, new OpportunityNoteAdded(acme, LOCATION, "n1", "called"));
        at(3, new OpportunityContactChanged(acme, LOCATION, new Contact("c9", "Zoe", "z@x.io", null, "Zed")));
        at(10, new OpportunityLost(beta, LOCATION, "r1", "budget"));
        at(11, new OpportunityTagsChanged(acme, LOCATION, List.of("vip", "q3")));
        at(12, new OpportunityCustomFieldsChanged(acme, LOCATION, Map.of("size", 12, "labels", List.of("x"))));
        at(13, new OpportunityFollowerRemoved(acme, LOCATION, "u2"));
        at(14, new OpportunityReopened(beta, LOCATION, "lost"));
        at(15, new OpportunityOwnerAssigned(acme, LOCATION, "cat"));
        at(16, new OpportunitySourceChanged(acme, LOCATION, "referral"));
        at(17, new OpportunityTaskAdded(acme, LOCATION, "t1", "call back", null, "cat"));
        at(18, new OpportunityTaskCompleted(acme, LOCATION, "t1"));
        at(19, new OpportunityWon(acme, LOCATION));
        at(20, new OpportunityAbandoned(beta, LOCATION));
        at(21, new OpportunityDeleted(beta, LOCATION));
        at(22, new OpportunityContactChanged(acme, LOCATION, null));
        at(23, new OpportunityRestored(beta, LOCATION));
        at(24, new OpportunityDeleted(acme, LOCATION));
        events = store.events();
    }

    @Test
    void severalEventsOfOneDealInOneBatchGiveTheRowsOfOneByOne() {
        JdbcTemplate oneByOne = replay(events.stream().map(List::<TrackedEventMessage<?>>of).toList());
        JdbcTemplate oneBatch = replay(List.of(events));
        JdbcTemplate threeBatches = replay(List.of(events.subList(0, 5), events.subList(5, 14),
                events.subList(14, events.size())));

        List<Map<String, Object>> rows = oneByOne.queryForList(ROWS);
        assertThat(rows).hasSize(2);
        assertThat(oneBatch.queryForList(ROWS)).isEqualTo(rows);
        assertThat(threeBatches.queryForList(ROWS)).isEqualTo(rows);

        OpportunityRepository repository = new OpportunityRepository(oneBatch);
        assertThat(repository.find(LOCATION, acme)).as("deleted").isEmpty();
        OpportunityView restored = repository.find(LOCATION, beta).orElseThrow();
        assertThat(restored.name()).as("a change before its deal exists is dropped").isEqualTo("Beta");
        assertThat(restored.status()).isEqualTo("abandoned");
        assertThat(restored.lostReason()).isNull();
        assertThat(restored.version()).isEqualTo(7);
        assertThat(restored.updatedAt()).isEqualTo(START.plusSeconds(23));
        Map<String, Object> acmeRow = rows.stream().filter(row -> row.get("opportunity_id").equals(acme))
                .findFirst().orElseThrow();
        assertThat(acmeRow).containsEntry("followers", "u1").containsEntry("tags", "vip,q3")
                .containsEntry("status", "won").containsEntry("contact_name", null)
                .containsEntry("assigned_to", "cat").containsEntry("source", "referral")
                .containsEntry("deleted", true).containsEntry("version", 18L);
    }

    @Test
    void aRedeliveredBatchChangesNothing() {
        List<TrackedEventMessage<?>> firstBatch = events.subList(0, 12);
        List<TrackedEventMessage<?>> secondBatch = events.subList(12, events.size());
        JdbcTemplate jdbc = replay(List.of(firstBatch, secondBatch));
        List<Map<String, Object>> rows = jdbc.queryForList(ROWS);
        OpportunityProjection projection = new OpportunityProjection(jdbc);

        BatchHarness.handle(jdbc, secondBatch, projection);
        BatchHarness.handle(jdbc, firstBatch, projection);
        BatchHarness.handle(jdbc, events, projection);

        assertThat(jdbc.queryForList(ROWS)).isEqualTo(rows);
    }

    @Test
    void anEventDeliveredTwiceInOneBatchAppliesOnce() {
        List<TrackedEventMessage<?>> twice = new ArrayList<>(events);
        twice.addAll(8, events.subList(5, 8));

        assertThat(replay(List.of(twice)).queryForList(ROWS))
                .isEqualTo(replay(List.of(events)).queryForList(ROWS));
    }

    private static JdbcTemplate replay(List<List<TrackedEventMessage<?>>> batches) {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        OpportunityProjection projection = new OpportunityProjection(jdbc);
        batches.forEach(batch -> BatchHarness.handle(jdbc, batch, projection));
        return jdbc;
    }

    private void at(int second, Object payload) {
        store.event(payload, START.plusSeconds(second), "key-1");
    }
}
