package io.dealflow.query.board;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BoardProjectionTest {

    private static final String LOCATION = "loc-board";

    private JdbcTemplate jdbc;
    private ProjectionHarness board;
    private PipelineCreated pipeline;
    private String first;
    private String second;

    @BeforeEach
    void freshReadModel() {
        jdbc = ProjectionHarness.freshReadModel();
        board = ProjectionHarness.of(jdbc, new BoardProjection(jdbc));
        pipeline = Given.pipeline(LOCATION, "Sales", "New", "Demo", "Closing");
        first = pipeline.stages().get(0).id();
        second = pipeline.stages().get(1).id();
    }

    @Test
    void createdOpportunityAddsACardAndCountsInItsStage() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100.50", "ann");

        board.when(deal, Given.opportunity(pipeline, 0, "Beta", "20", "bob"));

        assertThat(totals()).containsExactly(row(first, "USD", 2, "120.50"));
        Map<String, Object> card = card(deal.opportunityId());
        assertThat(card).containsEntry("status", "open").containsEntry("assigned_to", "ann")
                .containsEntry("contact_name", "Acme Contact").containsEntry("version", 1L);
    }

    @Test
    void stageMoveShiftsTheDealBetweenStageTotals() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        board.when(deal, new OpportunityStageMoved(deal.opportunityId(), LOCATION, pipeline.pipelineId(), first,
                pipeline.pipelineId(), second));

        assertThat(totals()).containsExactly(row(first, "USD", 0, "0.00"), row(second, "USD", 1, "100.00"));
        assertThat(card(deal.opportunityId())).containsEntry("stage_id", second).containsEntry("version", 2L);
    }

    @Test
    void moveToAnotherPipelineCountsThereOnly() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        PipelineCreated other = Given.pipeline(LOCATION, "Partners", "Intro");

        board.when(deal, new OpportunityStageMoved(deal.opportunityId(), LOCATION, pipeline.pipelineId(), first,
                other.pipelineId(), other.stages().get(0).id()));

        assertThat(jdbc.queryForObject("SELECT open_count FROM read_model.board_stage_total WHERE pipeline_id = ?",
                Long.class, other.pipelineId())).isEqualTo(1);
        assertThat(card(deal.opportunityId())).containsEntry("pipeline_id", other.pipelineId());
    }

    @Test
    void closedDealsLeaveTheTotalsAndReopenedOnesComeBack() {
        OpportunityCreated won = Given.opportunity(pipeline, 0, "Won", "10", "ann");
        OpportunityCreated lost = Given.opportunity(pipeline, 0, "Lost", "20", "ann");
        OpportunityCreated abandoned = Given.opportunity(pipeline, 0, "Abandoned", "40", "ann");

        board.when(won, lost, abandoned, new OpportunityWon(won.opportunityId(), LOCATION),
                new OpportunityLost(lost.opportunityId(), LOCATION, null, "price"),
                new OpportunityAbandoned(abandoned.opportunityId(), LOCATION));
        assertThat(totals()).containsExactly(row(first, "USD", 0, "0.00"));
        assertThat(card(lost.opportunityId())).containsEntry("status", "lost");

        board.when(new OpportunityReopened(lost.opportunityId(), LOCATION, "lost"));
        assertThat(totals()).containsExactly(row(first, "USD", 1, "20.00"));
    }

    @Test
    void valueAndCurrencyChangesMoveTheTotals() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        board.when(deal, new OpportunityValueChanged(deal.opportunityId(), LOCATION, new BigDecimal("250.25"), "USD"));
        assertThat(totals()).containsExactly(row(first, "USD", 1, "250.25"));

        board.when(new OpportunityValueChanged(deal.opportunityId(), LOCATION, new BigDecimal("90"), "EUR"));
        assertThat(totals()).containsExactly(row(first, "EUR", 1, "90.00"), row(first, "USD", 0, "0.00"));
    }

    @Test
    void deletedDealsLeaveTheBoardAndRestoredOnesReturnWithTheirState() {
        OpportunityCreated open = Given.opportunity(pipeline, 0, "Open", "100", "ann");
        OpportunityCreated won = Given.opportunity(pipeline, 0, "Won", "50", "ann");

        board.when(open, won, new OpportunityWon(won.opportunityId(), LOCATION),
                new OpportunityDeleted(open.opportunityId(), LOCATION),
                new OpportunityDeleted(won.opportunityId(), LOCATION));
        assertThat(totals()).containsExactly(row(first, "USD", 0, "0.00"));
        assertThat(card(open.opportunityId())).containsEntry("deleted", true);

        board.when(new OpportunityRestored(open.opportunityId(), LOCATION),
                new OpportunityRestored(won.opportunityId(), LOCATION));
        assertThat(totals()).containsExactly(row(first, "USD", 1, "100.00"));
        assertThat(card(won.opportunityId())).containsEntry("status", "won").containsEntry("deleted", false);
    }

    @Test
    void cardFollowsNameContactOwnerSourceAndTags() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        board.when(deal, new OpportunityRenamed(deal.opportunityId(), LOCATION, "Acme renewal"),
                new OpportunityContactChanged(deal.opportunityId(), LOCATION,
                        new Contact("c9", "Zoe", "zoe@example.com", null, "Zed Ltd")),
                new OpportunityOwnerAssigned(deal.opportunityId(), LOCATION, null),
                new OpportunitySourceChanged(deal.opportunityId(), LOCATION, "referral"),
                new OpportunityTagsChanged(deal.opportunityId(), LOCATION, List.of("vip", "q3")));

        Map<String, Object> card = jdbc.queryForMap("SELECT name, contact_id, contact_name, contact_company,"
                + " assigned_to, source, array_to_string(tags, ',') AS tags, version FROM read_model.board_card"
                + " WHERE opportunity_id = ?", deal.opportunityId());
        assertThat(card).containsEntry("name", "Acme renewal").containsEntry("contact_id", "c9")
                .containsEntry("contact_name", "Zoe").containsEntry("contact_company", "Zed Ltd")
                .containsEntry("assigned_to", null).containsEntry("source", "referral")
                .containsEntry("tags", "vip,q3").containsEntry("version", 6L);
    }

    @Test
    void versionSkipsEventsTheBoardDoesNotShow() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        board.when(deal, new OpportunityNoteAdded(deal.opportunityId(), LOCATION, "n1", "called"),
                new OpportunityWon(deal.opportunityId(), LOCATION));

        assertThat(card(deal.opportunityId())).containsEntry("version", 3L);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        OpportunityStageMoved move = new OpportunityStageMoved(deal.opportunityId(), LOCATION,
                pipeline.pipelineId(), first, pipeline.pipelineId(), second);
        board.when(deal, move);
        var movedAt = board.lastTimestamp();

        board.redeliver(deal, 0, movedAt.minusSeconds(1)).redeliver(move, 1, movedAt);

        assertThat(totals()).containsExactly(row(first, "USD", 0, "0.00"), row(second, "USD", 1, "100.00"));
        assertThat(card(deal.opportunityId())).containsEntry("version", 2L);
    }

    private Map<String, Object> card(String opportunityId) {
        return jdbc.queryForMap("SELECT * FROM read_model.board_card WHERE opportunity_id = ?", opportunityId);
    }

    private List<String> totals() {
        return jdbc.queryForList("""
                SELECT stage_id || ' ' || currency || ' ' || open_count || ' ' || total_value
                FROM read_model.board_stage_total WHERE pipeline_id = ?
                ORDER BY array_position(?::text[], stage_id::text), currency""", String.class,
                pipeline.pipelineId(), pipeline.stages().stream().map(stage -> stage.id()).toArray(String[]::new));
    }

    private static String row(String stageId, String currency, long count, String total) {
        return stageId + " " + currency + " " + count + " " + total;
    }
}
