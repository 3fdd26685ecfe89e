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
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 * <p>The processor has one segment: stage positions (which decide a deal's furthest stage) and deal moves must be
 * folded in the order they happened.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ReportProjection {

    private static final String DELTAS_RESOURCE = ReportDeltas.class.getName();
    private static final String DEAL_COLUMNS = """
            opportunity_id, location_id, pipeline_id, stage_id, furthest_stage_id, status, monetary_value, currency,
            assigned_to, source, created_at, closed_at, deleted, version""";

    private final JdbcTemplate jdbc;

    ReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
            @MetaDataValue(EventMetadata.CAUSATION_ID) String causation) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        reach(event.opportunityId(), event.pipelineId(), event.stageId());
        ReportDeal deal = new ReportDeal(event.opportunityId(), event.locationId(), event.pipelineId(),
                event.stageId(), furthestStage(event.opportunityId(), event.pipelineId()), ReportDeal.OPEN,
                event.monetaryValue(), event.currency(), event.assignedTo(), event.source(), at, null, false,
                sequence + 1);
        int inserted = jdbc.update("INSERT INTO read_model.report_deal (" + DEAL_COLUMNS + ")"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (opportunity_id) DO NOTHING",
                deal.opportunityId(), deal.locationId(), deal.pipelineId(), deal.stageId(), deal.furthestStageId(),
                deal.status(), deal.monetaryValue(), deal.currency(), deal.assignedTo(), deal.source(),
                EventTime.of(at), null, false, deal.version());
        if (inserted == 1) {
            startVisit(deal, sequence, at, causation);
            deltas().add(deal, 1);
        }
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp,
            @MetaDataValue(EventMetadata.CAUSATION_ID) String causation) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        change(event.opportunityId(), sequence, deal -> {
            reach(deal.opportunityId(), event.toPipelineId(), event.toStageId());
            return deal.movedTo(event.toPipelineId(), event.toStageId())
                    .reaching(furthestStage(deal.opportunityId(), event.toPipelineId()));
        }).filter(move -> move.after().isOpen()).ifPresent(move -> moveVisit(move.after(), sequence, at, causation));
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
        change(event.opportunityId(), sequence, deal -> deal.withStatus(ReportDeal.OPEN, at))
                .filter(reopen -> reopen.before().isClosed())
                .ifPresent(reopen -> startVisit(reopen.after(), sequence, at, causation));
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, deal -> deal.withValue(event.monetaryValue(), event.currency()));
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, deal -> deal.withOwner(event.assignedTo()));
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence) {
        change(event.opportunityId(), sequence, deal -> deal.withSource(event.source()));
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
                    read_model.report_open_visit_day""");
    }

    private void close(String opportunityId, String status, long sequence, Instant timestamp) {
        Instant at = timestamp.truncatedTo(ChronoUnit.MILLIS);
        change(opportunityId, sequence, deal -> deal.withStatus(status, at))
                .filter(closing -> closing.before().isOpen())
                .ifPresent(closing -> endVisit(opportunityId, at));
    }

    /**
     * Applies an event to a deal when it is newer than the deal row, and moves the aggregates by the change of the
     * deal's contribution. Answers the deal before and after the event, or empty when the event was already applied.
     */
    private Optional<Transition> change(String opportunityId, long sequence, UnaryOperator<ReportDeal> edit) {
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
        return Optional.of(new Transition(before, after));
    }

    /** The deal row if the event of this sequence number is new to it. */
    private Optional<ReportDeal> load(String opportunityId, long sequence) {
        return jdbc.query("SELECT " + DEAL_COLUMNS + " FROM read_model.report_deal"
                        + " WHERE opportunity_id = ? AND version <= ? FOR UPDATE",
                ReportProjection::deal, opportunityId, sequence).stream().findFirst();
    }

    private static ReportDeal deal(ResultSet rs, int row) throws SQLException {
        OffsetDateTime closedAt = rs.getObject("closed_at", OffsetDateTime.class);
        return new ReportDeal(rs.getString("opportunity_id"), rs.getString("location_id"),
                rs.getString("pipeline_id"), rs.getString("stage_id"), rs.getString("furthest_stage_id"),
                rs.getString("status"), rs.getBigDecimal("monetary_value"), rs.getString("currency"),
                rs.getString("assigned_to"), rs.getString("source"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                closedAt == null ? null : closedAt.toInstant(), rs.getBoolean("deleted"), rs.getLong("version"));
    }

    private void reach(String opportunityId, String pipelineId, String stageId) {
        jdbc.update("INSERT INTO read_model.report_reached_stage (opportunity_id, pipeline_id, stage_id)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING", opportunityId, pipelineId, stageId);
    }

    /** Of the pipeline's current stages the deal was ever in, the one placed last; null when none. */
    private String furthestStage(String opportunityId, String pipelineId) {
        return jdbc.query("""
                SELECT r.stage_id FROM read_model.report_reached_stage r
                JOIN read_model.report_stage s ON s.pipeline_id = r.pipeline_id AND s.stage_id = r.stage_id
                WHERE r.opportunity_id = ? AND r.pipeline_id = ?
                ORDER BY s.position DESC LIMIT 1""", (rs, n) -> rs.getString(1), opportunityId, pipelineId)
                .stream().findFirst().orElse(null);
    }

    /**
     * After stages were reordered or removed, the furthest stage of the pipeline's deals may be another one: recompute
     * them and the pipeline's funnel rows from the deal rows. Rare, and bounded by the pipeline's deals.
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
    }

    private void startVisit(ReportDeal deal, long sequence, Instant at, String causation) {
        int started = jdbc.update("""
                INSERT INTO read_model.report_stage_visit (opportunity_id, sequence, location_id, pipeline_id,
                    stage_id, entered_at, started_by, deleted)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                deal.opportunityId(), sequence, deal.locationId(), deal.pipelineId(), deal.stageId(),
                EventTime.of(at), causation, deal.deleted());
        if (started == 1 && !deal.deleted()) {
            deltas().addOpenVisit(deal.pipelineId(), deal.stageId(), at, 1);
        }
    }

    /**
     * An open deal moved: its visit of the old stage ends and one of the new stage starts. A reopen into another
     * stage emits "reopened" and "moved" for one command (same causation): the deal was reopened into the new stage,
     * so the visit it started moves along instead of leaving an instant's visit in the old stage behind.
     */
    private void moveVisit(ReportDeal deal, long sequence, Instant at, String causation) {
        if (causation != null) {
            List<Visit> reopened = jdbc.query("""
                    WITH reopened AS (
                        SELECT opportunity_id, sequence, pipeline_id, stage_id FROM read_model.report_stage_visit
                        WHERE opportunity_id = ? AND left_at IS NULL AND started_by = ? FOR UPDATE)
                    UPDATE read_model.report_stage_visit v SET pipeline_id = ?, stage_id = ?
                    FROM reopened r WHERE v.opportunity_id = r.opportunity_id AND v.sequence = r.sequence
                    RETURNING r.pipeline_id, r.stage_id, v.entered_at, v.left_at, v.deleted""",
                    ReportProjection::visit, deal.opportunityId(), causation, deal.pipelineId(), deal.stageId());
            for (Visit visit : reopened) {
                if (!visit.deleted()) {
                    deltas().addOpenVisit(visit.pipelineId(), visit.stageId(), visit.enteredAt(), -1);
                    deltas().addOpenVisit(deal.pipelineId(), deal.stageId(), visit.enteredAt(), 1);
                }
            }
            if (!reopened.isEmpty()) {
                return;
            }
        }
        endVisit(deal.opportunityId(), at);
        startVisit(deal, sequence, at, causation);
    }

    /**
     * Ends the deal's current visit: unless the deal is deleted, it leaves the open visits per day and counts in the
     * histograms of visit lengths; a visit that lasted no time (same millisecond) was no visit and goes.
     */
    private void endVisit(String opportunityId, Instant at) {
        List<Visit> ended = jdbc.query("""
                UPDATE read_model.report_stage_visit SET left_at = ? WHERE opportunity_id = ? AND left_at IS NULL
                RETURNING pipeline_id, stage_id, entered_at, left_at, deleted""",
                ReportProjection::visit, EventTime.of(at), opportunityId);
        for (Visit visit : ended) {
            if (!visit.deleted()) {
                deltas().addOpenVisit(visit.pipelineId(), visit.stageId(), visit.enteredAt(), -1);
            }
            if (visit.millis() == 0) {
                jdbc.update("DELETE FROM read_model.report_stage_visit"
                        + " WHERE opportunity_id = ? AND left_at = entered_at", opportunityId);
            } else if (!visit.deleted()) {
                deltas().addVisit(visit.pipelineId(), visit.stageId(), visit.leftAt(), visit.millis(), 1);
            }
        }
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
        return jdbc.update("UPDATE read_model.report_pipeline SET version = ? WHERE pipeline_id = ? AND version <= ?",
                sequence + 1, pipelineId, sequence) == 1;
    }

    private void insertStage(String pipelineId, String stageId, String name, int position, int winProbability) {
        jdbc.update("""
                INSERT INTO read_model.report_stage (pipeline_id, stage_id, name, position, win_probability)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", pipelineId, stageId, name, position, winProbability);
    }

    /** A deal before and after one event. */
    private record Transition(ReportDeal before, ReportDeal after) {
    }

    /** A stage visit as an update returned it (a reopen moved along: with its stage before); leftAt null while open. */
    private record Visit(String pipelineId, String stageId, Instant enteredAt, Instant leftAt, boolean deleted) {

        long millis() {
            return leftAt.toEpochMilli() - enteredAt.toEpochMilli();
        }
    }

    /** The aggregate changes of the running batch, written when it commits. */
    private ReportDeltas deltas() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(DELTAS_RESOURCE, key -> {
            ReportDeltas deltas = new ReportDeltas();
            unitOfWork.onPrepareCommit(u -> deltas.flush(jdbc));
            return deltas;
        });
    }
}
