package io.dealflow.query.report;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Folds opportunity events into the report tables: one row per deal, the stages each deal reached, its stage visits,
 * and the day aggregates the reports sum; {@link ReportPipelineProjection} keeps the pipelines and stages they are
 * reported by. Both handle events in the one processor of the reports, in the order they happened. A deal row records the version it reflects; an event applies
 * only when newer, and the aggregates move by the difference between the deal's contribution before and after it, so
 * a redelivered event changes nothing.
 *
 * <p>The deal events of a processor batch are recorded in its {@link ReportBatch} and folded in memory when the batch
 * commits, a few statements for thousands of events. The rare ones (pipeline changes, deletes, restores) write the
 * pending fold first and then apply row by row, so everything still applies in the order it happened.
 *
 * <p>The processor has one segment: stage positions (which decide a deal's furthest stage) and deal moves must be
 * folded in the order they happened. Its reset empties the tables of both classes in one statement.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ReportProjection {

    private final JdbcTemplate jdbc;

    ReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
            @MetaDataValue(EventMetadata.CAUSATION_ID) String causation) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        batch().add(event.opportunityId(), event.pipelineId(), rows -> {
            rows.reach(event.pipelineId(), event.stageId());
            ReportDeal deal = new ReportDeal(event.opportunityId(), event.locationId(), event.pipelineId(),
                    event.stageId(), rows.furthestStage(event.pipelineId()), ReportDeal.OPEN, event.monetaryValue(),
                    event.currency(), event.assignedTo(), event.source(), at, null, false, sequence + 1);
            if (rows.create(deal)) {
                rows.startVisit(deal, sequence, at, causation);
            }
        });
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
            @MetaDataValue(EventMetadata.CAUSATION_ID) String causation) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        batch().add(event.opportunityId(), event.toPipelineId(), rows -> rows.change(sequence, deal -> {
            rows.reach(event.toPipelineId(), event.toStageId());
            return deal.movedTo(event.toPipelineId(), event.toStageId())
                    .reaching(rows.furthestStage(event.toPipelineId()));
        }).filter(move -> move.after().isOpen())
                .ifPresent(move -> rows.moveVisit(move.after(), sequence, at, causation)));
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        close(event.opportunityId(), "won", sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        close(event.opportunityId(), "lost", sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityAbandoned event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        close(event.opportunityId(), "abandoned", sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
            @MetaDataValue(EventMetadata.CAUSATION_ID) String causation) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        batch().add(event.opportunityId(), null, rows -> rows
                .change(sequence, deal -> deal.withStatus(ReportDeal.OPEN, at))
                .filter(reopen -> reopen.before().isClosed())
                .ifPresent(reopen -> rows.startVisit(reopen.after(), sequence, at, causation)));
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence) {
        batch().add(event.opportunityId(), null,
                rows -> rows.change(sequence, deal -> deal.withValue(event.monetaryValue(), event.currency())));
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence) {
        batch().add(event.opportunityId(), null,
                rows -> rows.change(sequence, deal -> deal.withOwner(event.assignedTo())));
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence) {
        batch().add(event.opportunityId(), null,
                rows -> rows.change(sequence, deal -> deal.withSource(event.source())));
    }

    @EventHandler
    void on(OpportunityDeleted event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, deal -> deal.withDeleted(true))
                .ifPresent(delete -> markVisits(event.opportunityId(), true));
    }

    @EventHandler
    void on(OpportunityRestored event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, deal -> deal.withDeleted(false))
                .ifPresent(restore -> markVisits(event.opportunityId(), false));
    }

    @ResetHandler
    void reset() {
        jdbc.update("""
                TRUNCATE read_model.report_pipeline, read_model.report_stage, read_model.report_deal,
                    read_model.report_reached_stage, read_model.report_stage_visit, read_model.report_close_day,
                    read_model.report_created_day, read_model.report_open_stage, read_model.report_stage_duration,
                    read_model.report_open_visit_day, read_model.report_close_month,
                    read_model.report_created_month""");
    }

    private void close(String opportunityId, String status, long sequence, Instant timestamp) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        batch().add(opportunityId, null, rows -> rows.change(sequence, deal -> deal.withStatus(status, at))
                .filter(closing -> closing.before().isOpen())
                .ifPresent(closing -> rows.endVisit(at)));
    }

    /**
     * Applies an event to a deal when it is newer than the deal row, and moves the aggregates by the change of the
     * deal's contribution. Answers the deal before and after the event, or empty when the event was already applied.
     */
    private Optional<ReportBatch.Transition> change(String opportunityId, long sequence,
                                                    UnaryOperator<ReportDeal> edit) {
        writePending();
        Optional<ReportDeal> found = load(opportunityId, sequence);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ReportDeal before = found.get();
        ReportDeal after = edit.apply(before).atVersion(sequence + 1);
        jdbc.update("""
                UPDATE read_model.report_deal SET pipeline_id = ?, stage_id = ?, furthest_stage_id = ?, status = ?,
                    monetary_value = ?, currency = ?, assigned_to = ?, source = ?, closed_at = ?, deleted = ?,
                    version = ?
                WHERE opportunity_id = ?""",
                after.pipelineId(), after.stageId(), after.furthestStageId(), after.status(), after.monetaryValue(),
                after.currency(), after.assignedTo(), after.source(),
                after.closedAt() == null ? null : EventTime.of(after.closedAt()), after.deleted(), after.version(),
                after.opportunityId());
        ReportDeltas deltas = deltas();
        deltas.add(before, -1);
        deltas.add(after, 1);
        return Optional.of(new ReportBatch.Transition(before, after));
    }

    /** The deal row if the event of this sequence number is new to it. */
    private Optional<ReportDeal> load(String opportunityId, long sequence) {
        return jdbc.query("SELECT " + ReportBatch.DEAL_COLUMNS + " FROM read_model.report_deal"
                        + " WHERE opportunity_id = ? AND version <= ? FOR UPDATE",
                (rs, row) -> ReportBatch.deal(rs), opportunityId, sequence).stream().findFirst();
    }

    /**
     * Marks the deal's visits deleted or not, taking its ended visits out of the histograms and its open one out of the
     * open visits per day, or putting them back.
     */
    private void markVisits(String opportunityId, boolean deleted) {
        List<Visit> changed = jdbc.query("""
                UPDATE read_model.report_stage_visit SET deleted = ? WHERE opportunity_id = ? AND deleted <> ?
                RETURNING pipeline_id, stage_id, entered_at, left_at, deleted""",
                ReportProjection::visit, deleted, opportunityId, deleted);
        for (Visit visit : changed) {
            if (visit.leftAt() == null) {
                deltas().addOpenVisit(visit.pipelineId(), visit.stageId(), visit.enteredAt(), deleted ? -1 : 1);
            } else {
                deltas().addVisit(visit.pipelineId(), visit.stageId(), visit.leftAt(), visit.millis(),
                        deleted ? -1 : 1);
            }
        }
    }

    private static Visit visit(ResultSet rs, int row) throws SQLException {
        OffsetDateTime leftAt = rs.getObject("left_at", OffsetDateTime.class);
        return new Visit(rs.getString("pipeline_id"), rs.getString("stage_id"),
                rs.getObject("entered_at", OffsetDateTime.class).toInstant(),
                leftAt == null ? null : leftAt.toInstant(), rs.getBoolean("deleted"));
    }

    /** A stage visit as an update returned it (a reopen moved along: with its stage before); leftAt null while open. */
    private record Visit(String pipelineId, String stageId, Instant enteredAt, Instant leftAt, boolean deleted) {

        long millis() {
            return leftAt.toEpochMilli() - enteredAt.toEpochMilli();
        }
    }

    /** The aggregate changes of the running batch, written when it commits. */
    private ReportDeltas deltas() {
        return batch().deltas();
    }

    /**
     * Writes the deal events recorded so far in the running batch: the rare events handled row by row (pipeline
     * changes, deletes and restores) apply after them, as they happened, and a stage position change is only seen by
     * the moves that follow it.
     */
    private void writePending() {
        batch().write(jdbc);
    }

    private ReportBatch batch() {
        return ReportBatch.current(jdbc);
    }
}
