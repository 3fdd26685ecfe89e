package io.dealflow.query.report;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.Stage;
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
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import io.dealflow.query.BatchFold;
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
 * Folds opportunity and pipeline events into the report tables: one row per deal, the stages each deal reached, its
 * stage visits, and the day aggregates the reports sum. A deal row records the version it reflects; an event applies
 * only when newer, and the aggregates move by the difference between the deal's contribution before and after it, so
 * a redelivered event changes nothing.
 *
 * <p>The deal events of a processor batch are recorded in its {@link ReportBatch} and folded in memory when the batch
 * commits, a few statements for thousands of events. The rare ones (pipeline changes, deletes, restores) write the
 * pending fold first and then apply row by row, so everything still applies in the order it happened.
 *
 * <p>The processor has one segment: stage positions (which decide a deal's furthest stage) and deal moves must be
 * folded in the order they happened.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ReportProjection {

    private static final String BATCH_RESOURCE = ReportBatch.class.getName();

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

    @EventHandler
    void on(PipelineCreated event, @SequenceNumber long sequence) {
        writePending();
        int inserted = jdbc.update("INSERT INTO read_model.report_pipeline (pipeline_id, location_id, version)"
                        + " VALUES (?, ?, ?) ON CONFLICT (pipeline_id) DO NOTHING",
                event.pipelineId(), event.locationId(), sequence + 1);
        if (inserted == 1) {
            for (Stage stage : event.stages()) {
                insertStage(event.pipelineId(), stage.id(), stage.name(), stage.position(), stage.winProbability());
            }
        }
    }

    @EventHandler
    void on(PipelineStageAdded event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            jdbc.update("UPDATE read_model.report_stage SET position = position + 1"
                    + " WHERE pipeline_id = ? AND position >= ?", event.pipelineId(), event.position());
            insertStage(event.pipelineId(), event.stageId(), event.name(), event.position(), event.winProbability());
        }
    }

    @EventHandler
    void on(PipelineStageRenamed event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            jdbc.update("UPDATE read_model.report_stage SET name = ? WHERE pipeline_id = ? AND stage_id = ?",
                    event.name(), event.pipelineId(), event.stageId());
        }
    }

    @EventHandler
    void on(PipelineStageProbabilityChanged event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            jdbc.update("UPDATE read_model.report_stage SET win_probability = ? WHERE pipeline_id = ? AND stage_id = ?",
                    event.winProbability(), event.pipelineId(), event.stageId());
        }
    }

    @EventHandler
    void on(PipelineStagesReordered event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            List<String> order = event.stageIds();
            for (int position = 0; position < order.size(); position++) {
                jdbc.update("UPDATE read_model.report_stage SET position = ? WHERE pipeline_id = ? AND stage_id = ?",
                        position, event.pipelineId(), order.get(position));
            }
            refreshFurthestStages(event.pipelineId());
        }
    }

    @EventHandler
    void on(PipelineStageRemoved event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            List<Integer> removed = jdbc.queryForList("DELETE FROM read_model.report_stage"
                            + " WHERE pipeline_id = ? AND stage_id = ? RETURNING position",
                    Integer.class, event.pipelineId(), event.stageId());
            for (Integer position : removed) {
                jdbc.update("UPDATE read_model.report_stage SET position = position - 1"
                        + " WHERE pipeline_id = ? AND position > ?", event.pipelineId(), position);
            }
            refreshFurthestStages(event.pipelineId());
        }
    }

    @EventHandler
    void on(PipelineDeleted event, @SequenceNumber long sequence) {
        if (advance(event.pipelineId(), sequence)) {
            jdbc.update("UPDATE read_model.report_pipeline SET deleted = TRUE WHERE pipeline_id = ?",
                    event.pipelineId());
        }
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
     * After stages were reordered or removed, the furthest stage of the pipeline's deals may be another one: recompute
     * them and the pipeline's funnel rows (day and month) from the deal rows. Rare, and bounded by the pipeline's
     * deals. The month rows across every pipeline leave the furthest stage out, so they stay as they are.
     */
    private void refreshFurthestStages(String pipelineId) {
        deltas().flush(jdbc);
        jdbc.update("""
                UPDATE read_model.report_deal d SET furthest_stage_id = (
                    SELECT r.stage_id FROM read_model.report_reached_stage r
                    JOIN read_model.report_stage s ON s.pipeline_id = r.pipeline_id AND s.stage_id = r.stage_id
                    WHERE r.opportunity_id = d.opportunity_id AND r.pipeline_id = d.pipeline_id
                    ORDER BY s.position DESC LIMIT 1)
                WHERE d.pipeline_id = ?""", pipelineId);
        jdbc.update("DELETE FROM read_model.report_created_day WHERE pipeline_id = ?", pipelineId);
        jdbc.update("""
                INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won, deals)
                SELECT location_id, (created_at AT TIME ZONE 'UTC')::date, pipeline_id,
                       coalesce(furthest_stage_id, ''), status = 'won', count(*)
                FROM read_model.report_deal WHERE pipeline_id = ? AND NOT deleted
                GROUP BY 1, 2, 3, 4, 5""", pipelineId);
        jdbc.update("DELETE FROM read_model.report_created_month WHERE pipeline_id = ?", pipelineId);
        jdbc.update("""
                INSERT INTO read_model.report_created_month (location_id, month, pipeline_id, furthest_stage_id, won,
                    deals)
                SELECT location_id, date_trunc('month', day)::date, pipeline_id, furthest_stage_id, won, sum(deals)
                FROM read_model.report_created_day WHERE pipeline_id = ?
                GROUP BY 1, 2, 3, 4, 5""", pipelineId);
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

    /** Records a pipeline event as applied; false when the row already reflects it or does not exist. */
    private boolean advance(String pipelineId, long sequence) {
        writePending();
        return jdbc.update("UPDATE read_model.report_pipeline SET version = ? WHERE pipeline_id = ? AND version <= ?",
                sequence + 1, pipelineId, sequence) == 1;
    }

    private void insertStage(String pipelineId, String stageId, String name, int position, int winProbability) {
        jdbc.update("""
                INSERT INTO read_model.report_stage (pipeline_id, stage_id, name, position, win_probability)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", pipelineId, stageId, name, position, winProbability);
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

    /** The running batch: its deal events are folded and written, then its aggregate changes, when it commits. */
    private ReportBatch batch() {
        return BatchFold.current(BATCH_RESOURCE, ReportBatch::new, batch -> batch.flush(jdbc));
    }
}
