package io.dealflow.query.board;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.query.BatchFold;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Keeps one board card per opportunity and the totals of open, not deleted cards per stage and currency. A card
 * records the version it reflects; an event applies only when newer, and the totals move by the difference between
 * the card's contribution before and after, so a redelivered event changes nothing. Events only record their change
 * in the batch's {@link BoardBatch}; the cards and totals are read and written once per batch, just before it
 * commits with the processor's token.
 */
@Component
@ProcessingGroup(ReadModels.BOARD)
class BoardProjection {

    private static final String BATCH_RESOURCE = BoardBatch.class.getName();
    private static final Contact NO_CONTACT = new Contact(null, null, null, null, null);

    private final JdbcTemplate jdbc;

    BoardProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        BoardBatch.Card card = new BoardBatch.Card(event.opportunityId(), event.locationId());
        card.pipelineId = event.pipelineId();
        card.stageId = event.stageId();
        card.name = event.name();
        card.status = "open";
        card.monetaryValue = event.monetaryValue();
        card.currency = event.currency();
        card.contact = event.contact() == null ? NO_CONTACT : event.contact();
        card.source = event.source();
        card.assignedTo = event.assignedTo();
        card.tags = event.tags() == null ? List.of() : List.copyOf(event.tags());
        card.lastStageChangeAt = EventTime.of(timestamp);
        batch().create(card, sequence);
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        batch().change(event.opportunityId(), sequence, card -> {
            card.pipelineId = event.toPipelineId();
            card.stageId = event.toStageId();
            card.lastStageChangeAt = EventTime.of(timestamp);
        });
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.status = "won");
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.status = "lost");
    }

    @EventHandler
    void on(OpportunityAbandoned event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.status = "abandoned");
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.status = "open");
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> {
            card.monetaryValue = event.monetaryValue();
            card.currency = event.currency();
        });
    }

    @EventHandler
    void on(OpportunityRenamed event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.name = event.name());
    }

    @EventHandler
    void on(OpportunityContactChanged event, @SequenceNumber long sequence) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        batch().change(event.opportunityId(), sequence, card -> card.contact = contact);
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.assignedTo = event.assignedTo());
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.source = event.source());
    }

    @EventHandler
    void on(OpportunityTagsChanged event, @SequenceNumber long sequence) {
        List<String> tags = event.tags() == null ? List.of() : List.copyOf(event.tags());
        batch().change(event.opportunityId(), sequence, card -> card.tags = tags);
    }

    @EventHandler
    void on(OpportunityDeleted event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.deleted = true);
    }

    @EventHandler
    void on(OpportunityRestored event, @SequenceNumber long sequence) {
        batch().change(event.opportunityId(), sequence, card -> card.deleted = false);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.board_card, read_model.board_stage_total");
    }

    /** The changes of the running batch, applied and written when it commits, totals last. */
    private BoardBatch batch() {
        return BatchFold.current(BATCH_RESOURCE, BoardBatch::new, batch -> {
            StageTotals totals = new StageTotals();
            batch.flush(jdbc, totals);
            totals.flush(jdbc);
        });
    }
}
