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
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
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
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityProjectionTest {

    private static final String LOCATION = "loc-opp";

    private JdbcTemplate jdbc;
    private ProjectionHarness projection;
    private OpportunityRepository repository;
    private PipelineCreated pipeline;
    private OpportunityCreated deal;
    private String id;

    @BeforeEach
    void freshReadModel() {
        jdbc = ProjectionHarness.freshReadModel();
        projection = ProjectionHarness.of(jdbc, new OpportunityProjection(jdbc));
        repository = new OpportunityRepository(jdbc);
        pipeline = Given.pipeline(LOCATION, "Sales", "New", "Demo");
        deal = Given.opportunity(pipeline, 0, "Acme", "100.50", "ann");
        id = deal.opportunityId();
    }

    @Test
    void createdOpportunityShowsEveryFieldAtVersionOne() {
        projection.when(deal);

        OpportunityView view = view();
        assertThat(view.name()).isEqualTo("Acme");
        assertThat(view.status()).isEqualTo("open");
        assertThat(view.monetaryValue()).isEqualByComparingTo("100.50");
        assertThat(view.contact()).isEqualTo(deal.contact());
        assertThat(view.tags()).containsExactly("hot");
        assertThat(view.customFields()).containsEntry("priority", "high");
        assertThat(view.createdAt()).isEqualTo(projection.lastTimestamp()).isEqualTo(view.lastStageChangeAt());
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void stageMoveRecordsWhen() {
        projection.when(deal, new OpportunityStageMoved(id, LOCATION, pipeline.pipelineId(),
                pipeline.stages().get(0).id(), pipeline.pipelineId(), pipeline.stages().get(1).id()));

        assertThat(view().stageId()).isEqualTo(pipeline.stages().get(1).id());
        assertThat(view().lastStageChangeAt()).isEqualTo(projection.lastTimestamp());
        assertThat(view().version()).isEqualTo(2);
    }

    @Test
    void statusChangesRecordReasonAndTimeAndReopenClearsTheReason() {
        projection.when(deal, new OpportunityLost(id, LOCATION, "r1", "Too expensive"));
        assertThat(view().status()).isEqualTo("lost");
        assertThat(view().lostReasonId()).isEqualTo("r1");
        assertThat(view().lostReason()).isEqualTo("Too expensive");
        assertThat(view().lastStatusChangeAt()).isEqualTo(projection.lastTimestamp());

        projection.when(new OpportunityReopened(id, LOCATION, "lost"));
        assertThat(view().status()).isEqualTo("open");
        assertThat(view().lostReason()).isNull();

        projection.when(new OpportunityWon(id, LOCATION));
        assertThat(view().status()).isEqualTo("won");
        projection.when(new OpportunityReopened(id, LOCATION, "won"), new OpportunityAbandoned(id, LOCATION));
        assertThat(view().status()).isEqualTo("abandoned");
        assertThat(view().version()).isEqualTo(6);
    }

    @Test
    void facetChangesReplaceTheirFields() {
        projection.when(deal, new OpportunityValueChanged(id, LOCATION, new BigDecimal("7.10"), "EUR"),
                new OpportunityRenamed(id, LOCATION, "Acme renewal"),
                new OpportunityContactChanged(id, LOCATION, null),
                new OpportunityOwnerAssigned(id, LOCATION, "bob"),
                new OpportunitySourceChanged(id, LOCATION, null),
                new OpportunityTagsChanged(id, LOCATION, List.of("a", "b")),
                new OpportunityCustomFieldsChanged(id, LOCATION, Map.of("size", 12, "labels", List.of("x"))));

        OpportunityView view = view();
        assertThat(view.monetaryValue()).isEqualByComparingTo("7.10");
        assertThat(view.currency()).isEqualTo("EUR");
        assertThat(view.name()).isEqualTo("Acme renewal");
        assertThat(view.contact()).isNull();
        assertThat(view.assignedTo()).isEqualTo("bob");
        assertThat(view.source()).isNull();
        assertThat(view.tags()).containsExactly("a", "b");
        assertThat(view.customFields()).containsEntry("size", 12).containsEntry("labels", List.of("x"));
        assertThat(view.updatedAt()).isEqualTo(projection.lastTimestamp());
        assertThat(view.version()).isEqualTo(8);
    }

    @Test
    void followersAreASetInOrderOfArrival() {
        projection.when(deal, new OpportunityFollowerAdded(id, LOCATION, "u1"),
                new OpportunityFollowerAdded(id, LOCATION, "u2"), new OpportunityFollowerAdded(id, LOCATION, "u1"),
                new OpportunityFollowerRemoved(id, LOCATION, "u2"));

        assertThat(view().followers()).containsExactly("u1");
    }

    @Test
    void notesAndTasksAdvanceVersionAndUpdatedAtOnly() {
        projection.when(deal);
        OpportunityView created = view();

        projection.when(new OpportunityNoteAdded(id, LOCATION, "n1", "called"),
                new OpportunityNoteEdited(id, LOCATION, "n1", "called twice"),
                new OpportunityNoteDeleted(id, LOCATION, "n1"),
                new OpportunityTaskAdded(id, LOCATION, "t1", "Send offer", null, "ann"),
                new OpportunityTaskEdited(id, LOCATION, "t1", "Send the offer", null, "bob"),
                new OpportunityTaskCompleted(id, LOCATION, "t1"),
                new OpportunityTaskReopened(id, LOCATION, "t1"),
                new OpportunityTaskDeleted(id, LOCATION, "t1"));

        assertThat(view().version()).isEqualTo(9);
        assertThat(view().updatedAt()).isEqualTo(projection.lastTimestamp());
        assertThat(view()).usingRecursiveComparison().ignoringFields("version", "updatedAt").isEqualTo(created);
    }

    @Test
    void deletedOpportunityIsHiddenAndRestoredOneReturnsWithItsState() {
        projection.when(deal, new OpportunityWon(id, LOCATION), new OpportunityDeleted(id, LOCATION));
        assertThat(repository.find(LOCATION, id)).isEmpty();

        projection.when(new OpportunityRestored(id, LOCATION));
        assertThat(view().status()).isEqualTo("won");
        assertThat(view().version()).isEqualTo(4);
    }

    @Test
    void opportunityOfAnotherLocationIsNotFound() {
        projection.when(deal);

        assertThat(repository.find("elsewhere", id)).isEmpty();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        OpportunityRenamed rename = new OpportunityRenamed(id, LOCATION, "Second");
        projection.when(deal, rename, new OpportunityRenamed(id, LOCATION, "Third"));
        Instant renamedAt = projection.lastTimestamp().minusSeconds(1);

        projection.redeliver(rename, 1, renamedAt).redeliver(deal, 0, renamedAt.minusSeconds(1));

        assertThat(view().name()).isEqualTo("Third");
        assertThat(view().version()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT updated_at FROM read_model.opportunity", Timestamp.class).toInstant())
                .isEqualTo(projection.lastTimestamp());
    }

    private OpportunityView view() {
        return repository.find(LOCATION, id).orElseThrow();
    }
}
