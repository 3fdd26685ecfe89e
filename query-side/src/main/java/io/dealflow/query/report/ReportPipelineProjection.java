package io.dealflow.query.report;

import io.dealflow.events.Stage;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Folds pipeline events into the pipelines and stages the reports group deals by ({@code read_model.report_pipeline},
 * {@code report_stage}): the pipeline-structure part of the reports' processor, beside the deal part,
 * {@link ReportProjection}. A pipeline row records the version it reflects; an event applies only when newer.
 *
 * <p>Pipeline events are rare: each writes the deal events pending in the running batch first, so a stage position
 * change is seen only by the moves that follow it, and a reorder or removal recomputes the furthest stages of the
 * pipeline's deals.
 */
@Component
@ProcessingGroup(ReadModels.REPORTS)
class ReportPipelineProjection {

    private final JdbcTemplate jdbc;

    ReportPipelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    private ReportDeltas deltas() {
        return ReportBatch.current(jdbc).deltas();
    }

    /** Writes the deal events recorded so far in the running batch, so this pipeline event applies after them. */
    private void writePending() {
        ReportBatch.current(jdbc).write(jdbc);
    }
}
