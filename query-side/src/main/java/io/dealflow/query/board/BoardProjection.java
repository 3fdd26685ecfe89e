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
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps one board card per opportunity and the totals of open, not deleted cards per stage and currency. A card
 * records the version it reflects; an event applies only when newer, and the totals move by the difference between
 * the card's contribution before and after it, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ReadModels.BOARD)
class BoardProjection {

    private static final String TOTALS_RESOURCE = StageTotals.class.getName();

    private final JdbcTemplate jdbc;

    BoardProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Contact contact = event.contact() == null ? new Contact(null, null, null, null, null) : event.contact();
        List<String> tags = event.tags() == null ? List.of() : event.tags();
        int inserted = jdbc.update("""
                INSERT INTO read_model.board_card (opportunity_id, location_id, pipeline_id, stage_id, name, status,
                    monetary_value, currency, contact_id, contact_name, contact_email, contact_phone, contact_company,
                    source, assigned_to, tags, last_stage_change_at, version)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (opportunity_id) DO NOTHING""",
                event.opportunityId(), event.locationId(), event.pipelineId(), event.stageId(), event.name(),
                event.monetaryValue(), event.currency(), contact.id(), contact.name(), contact.email(),
                contact.phone(), contact.companyName(), event.source(), event.assignedTo(),
                tags.toArray(String[]::new), EventTime.of(timestamp), sequence + 1);
        if (inserted == 1) {
            totals().add(event.pipelineId(), event.stageId(), event.currency(), event.monetaryValue(), 1);
        }
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, "pipeline_id = ?, stage_id = ?, last_stage_change_at = ?",
                event.toPipelineId(), event.toStageId(), EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "status = 'won'");
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "status = 'lost'");
    }

    @EventHandler
    void on(OpportunityAbandoned event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "status = 'abandoned'");
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "status = 'open'");
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "monetary_value = ?, currency = ?",
                event.monetaryValue(), event.currency());
    }

    @EventHandler
    void on(OpportunityRenamed event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "name = ?", event.name());
    }

    @EventHandler
    void on(OpportunityContactChanged event, @SequenceNumber long sequence) {
        Contact contact = event.contact() == null ? new Contact(null, null, null, null, null) : event.contact();
        change(event.opportunityId(), sequence,
                "contact_id = ?, contact_name = ?, contact_email = ?, contact_phone = ?, contact_company = ?",
                contact.id(), contact.name(), contact.email(), contact.phone(), contact.companyName());
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "assigned_to = ?", event.assignedTo());
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "source = ?", event.source());
    }

    @EventHandler
    void on(OpportunityTagsChanged event, @SequenceNumber long sequence) {
        List<String> tags = event.tags() == null ? List.of() : event.tags();
        change(event.opportunityId(), sequence, "tags = ?", (Object) tags.toArray(String[]::new));
    }

    @EventHandler
    void on(OpportunityDeleted event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "deleted = TRUE");
    }

    @EventHandler
    void on(OpportunityRestored event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, "deleted = FALSE");
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.board_card, read_model.board_stage_total");
    }

    /**
     * Applies an event to a card when it is newer than the card, and moves the stage totals by the card's change
     * of contribution.
     */
    private void change(String opportunityId, long sequence, String assignments, Object... values) {
        List<Object> arguments = new ArrayList<>(List.of(opportunityId, sequence));
        arguments.addAll(Arrays.asList(values));
        arguments.add(sequence + 1);
        List<Contribution[]> changes = jdbc.query("""
                WITH old AS (
                    SELECT opportunity_id, pipeline_id, stage_id, currency, monetary_value,
                           status = 'open' AND NOT deleted AS counted
                    FROM read_model.board_card WHERE opportunity_id = ? AND version <= ? FOR UPDATE)
                UPDATE read_model.board_card c SET %s, version = ?
                FROM old WHERE c.opportunity_id = old.opportunity_id
                RETURNING old.pipeline_id, old.stage_id, old.currency, old.monetary_value, old.counted,
                          c.pipeline_id, c.stage_id, c.currency, c.monetary_value,
                          c.status = 'open' AND NOT c.deleted""".formatted(assignments),
                (rs, n) -> new Contribution[]{
                        new Contribution(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                                rs.getBoolean(5)),
                        new Contribution(rs.getString(6), rs.getString(7), rs.getString(8), rs.getBigDecimal(9),
                                rs.getBoolean(10))},
                arguments.toArray());
        for (Contribution[] change : changes) {
            if (!change[0].equals(change[1])) {
                change[0].applyTo(totals(), -1);
                change[1].applyTo(totals(), 1);
            }
        }
    }

    /** The totals of the running batch, written when it commits. */
    private StageTotals totals() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(TOTALS_RESOURCE, key -> {
            StageTotals totals = new StageTotals();
            unitOfWork.onPrepareCommit(u -> totals.flush(jdbc));
            return totals;
        });
    }

    /** What one card adds to its stage's totals; nothing unless it is open and not deleted. */
    private record Contribution(String pipelineId, String stageId, String currency, BigDecimal value,
                                boolean counted) {

        void applyTo(StageTotals totals, int sign) {
            if (counted) {
                totals.add(pipelineId, stageId, currency, value, sign);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Contribution that && counted == that.counted
                    && (!counted || pipelineId.equals(that.pipelineId) && stageId.equals(that.stageId)
                    && currency.equals(that.currency) && value.compareTo(that.value) == 0);
        }

        @Override
        public int hashCode() {
            return Boolean.hashCode(counted);
        }
    }
}
