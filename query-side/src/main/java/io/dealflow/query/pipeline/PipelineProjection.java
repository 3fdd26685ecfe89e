package io.dealflow.query.pipeline;

import io.dealflow.events.Stage;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * Folds pipeline events into {@code read_model.pipeline} and {@code read_model.pipeline_stage}. Each event applies
 * only when it is newer than the pipeline row's version, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(ReadModels.PIPELINES)
class PipelineProjection {

    private final JdbcTemplate jdbc;

    PipelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PipelineCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        int inserted = jdbc.update("""
                INSERT INTO read_model.pipeline (pipeline_id, location_id, name, created_at, updated_at, version)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pipeline_id) DO NOTHING""",
                event.pipelineId(), event.locationId(), event.name(), EventTime.of(timestamp),
                EventTime.of(timestamp), sequence + 1);
        if (inserted == 0) {
            return;
        }
        for (Stage stage : event.stages()) {
            insertStage(event.pipelineId(), stage.id(), stage.name(), stage.position(), stage.winProbability());
        }
    }

    @EventHandler
    void on(PipelineRenamed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            jdbc.update("UPDATE read_model.pipeline SET name = ? WHERE pipeline_id = ?",
                    event.name(), event.pipelineId());
        }
    }

    @EventHandler
    void on(PipelineStageAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            jdbc.update("UPDATE read_model.pipeline_stage SET position = position + 1"
                    + " WHERE pipeline_id = ? AND position >= ?", event.pipelineId(), event.position());
            insertStage(event.pipelineId(), event.stageId(), event.name(), event.position(), event.winProbability());
        }
    }

    @EventHandler
    void on(PipelineStageRenamed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            jdbc.update("UPDATE read_model.pipeline_stage SET name = ? WHERE pipeline_id = ? AND stage_id = ?",
                    event.name(), event.pipelineId(), event.stageId());
        }
    }

    @EventHandler
    void on(PipelineStageProbabilityChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            jdbc.update("UPDATE read_model.pipeline_stage SET win_probability = ?"
                            + " WHERE pipeline_id = ? AND stage_id = ?",
                    event.winProbability(), event.pipelineId(), event.stageId());
        }
    }

    @EventHandler
    void on(PipelineStagesReordered event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            List<String> order = event.stageIds();
            for (int position = 0; position < order.size(); position++) {
                jdbc.update("UPDATE read_model.pipeline_stage SET position = ? WHERE pipeline_id = ? AND stage_id = ?",
                        position, event.pipelineId(), order.get(position));
            }
        }
    }

    @EventHandler
    void on(PipelineStageRemoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            List<Integer> removed = jdbc.queryForList("DELETE FROM read_model.pipeline_stage"
                            + " WHERE pipeline_id = ? AND stage_id = ? RETURNING position",
                    Integer.class, event.pipelineId(), event.stageId());
            for (Integer position : removed) {
                jdbc.update("UPDATE read_model.pipeline_stage SET position = position - 1"
                        + " WHERE pipeline_id = ? AND position > ?", event.pipelineId(), position);
            }
        }
    }

    @EventHandler
    void on(PipelineDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        if (advance(event.pipelineId(), sequence, timestamp)) {
            jdbc.update("UPDATE read_model.pipeline SET deleted = TRUE WHERE pipeline_id = ?", event.pipelineId());
        }
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.pipeline, read_model.pipeline_stage");
    }

    /** Records the event as applied; false when the row already reflects it (a redelivery) or does not exist. */
    private boolean advance(String pipelineId, long sequence, Instant timestamp) {
        return jdbc.update("UPDATE read_model.pipeline SET version = ?, updated_at = ?"
                        + " WHERE pipeline_id = ? AND version <= ?",
                sequence + 1, EventTime.of(timestamp), pipelineId, sequence) == 1;
    }

    private void insertStage(String pipelineId, String stageId, String name, int position, int winProbability) {
        jdbc.update("""
                INSERT INTO read_model.pipeline_stage (pipeline_id, stage_id, name, position, win_probability)
                VALUES (?, ?, ?, ?, ?)""", pipelineId, stageId, name, position, winProbability);
    }
}
