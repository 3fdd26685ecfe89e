package io.dealflow.query.asof;

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
import io.dealflow.query.axon.StoredEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Keeps pipelines and stages as versions over time ({@code pipeline_version}, {@code stage_version}): the
 * pipeline-structure part of the history processor, beside the card part, {@link AsOfProjection}. An event that
 * changes one closes its current version at the event's global index and time and opens the next, so "as it stood at
 * T" is one indexed lookup of the versions valid at T. A version never starts before the one it follows, even when
 * clocks of two writers disagree.
 *
 * <p>Pipeline and stage events are rare and write their rows at once, row by row: no card version depends on them and
 * the batch commits as a whole, so writing them ahead of the batch's cards changes no result.
 */
@Component
@ProcessingGroup(ReadModels.HISTORY)
class AsOfPipelineProjection {

    private final JdbcTemplate jdbc;

    AsOfPipelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PipelineCreated event, @Timestamp Instant timestamp, TrackingToken token) {
        long index = StoredEvents.globalIndex(token);
        OffsetDateTime at = EventTime.of(timestamp);
        int inserted = jdbc.update("""
                INSERT INTO read_model.pipeline_version (pipeline_id, location_id, name, deleted, from_index, valid)
                VALUES (?, ?, ?, FALSE, ?, tstzrange(?, NULL, '[)')) ON CONFLICT DO NOTHING""",
                event.pipelineId(), event.locationId(), event.name(), index, at);
        if (inserted == 1) {
            Map<String, StageRow> stages = new LinkedHashMap<>();
            for (Stage stage : event.stages()) {
                stages.put(stage.id(), new StageRow(stage.id(), stage.name(), stage.position(),
                        stage.winProbability(), at));
            }
            replaceStages(event.pipelineId(), Map.of(), stages, index, at);
        }
    }

    @EventHandler
    void on(PipelineRenamed event, @Timestamp Instant timestamp, TrackingToken token) {
        nextPipelineVersion(event.pipelineId(), event.name(), false, StoredEvents.globalIndex(token),
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(PipelineDeleted event, @Timestamp Instant timestamp, TrackingToken token) {
        nextPipelineVersion(event.pipelineId(), null, true, StoredEvents.globalIndex(token), EventTime.of(timestamp));
    }

    @EventHandler
    void on(PipelineStageAdded event, @Timestamp Instant timestamp, TrackingToken token) {
        OffsetDateTime at = EventTime.of(timestamp);
        changeStages(event.pipelineId(), StoredEvents.globalIndex(token), at, stages -> {
            Map<String, StageRow> next = new LinkedHashMap<>();
            stages.values().forEach(stage -> next.put(stage.id(),
                    stage.position() >= event.position() ? stage.at(stage.position() + 1) : stage));
            next.put(event.stageId(), new StageRow(event.stageId(), event.name(), event.position(),
                    event.winProbability(), at));
            return next;
        });
    }

    @EventHandler
    void on(PipelineStageRenamed event, @Timestamp Instant timestamp, TrackingToken token) {
        changeStages(event.pipelineId(), StoredEvents.globalIndex(token), EventTime.of(timestamp), stages -> {
            Map<String, StageRow> next = new LinkedHashMap<>(stages);
            next.computeIfPresent(event.stageId(), (id, stage) -> stage.named(event.name()));
            return next;
        });
    }

    @EventHandler
    void on(PipelineStageProbabilityChanged event, @Timestamp Instant timestamp, TrackingToken token) {
        changeStages(event.pipelineId(), StoredEvents.globalIndex(token), EventTime.of(timestamp), stages -> {
            Map<String, StageRow> next = new LinkedHashMap<>(stages);
            next.computeIfPresent(event.stageId(), (id, stage) -> stage.weighted(event.winProbability()));
            return next;
        });
    }

    @EventHandler
    void on(PipelineStagesReordered event, @Timestamp Instant timestamp, TrackingToken token) {
        changeStages(event.pipelineId(), StoredEvents.globalIndex(token), EventTime.of(timestamp), stages -> {
            Map<String, StageRow> next = new LinkedHashMap<>(stages);
            List<String> order = event.stageIds();
            for (int position = 0; position < order.size(); position++) {
                int place = position;
                next.computeIfPresent(order.get(position), (id, stage) -> stage.at(place));
            }
            return next;
        });
    }

    @EventHandler
    void on(PipelineStageRemoved event, @Timestamp Instant timestamp, TrackingToken token) {
        changeStages(event.pipelineId(), StoredEvents.globalIndex(token), EventTime.of(timestamp), stages -> {
            StageRow removed = stages.get(event.stageId());
            if (removed == null) {
                return stages;
            }
            Map<String, StageRow> next = new LinkedHashMap<>();
            stages.values().stream().filter(stage -> !stage.id().equals(event.stageId())).forEach(stage ->
                    next.put(stage.id(), stage.position() > removed.position() ? stage.at(stage.position() - 1)
                            : stage));
            return next;
        });
    }

    private void nextPipelineVersion(String pipelineId, String name, boolean deleted, long index,
                                     OffsetDateTime at) {
        jdbc.update("""
                WITH closed AS (
                    UPDATE read_model.pipeline_version
                    SET to_index = ?, valid = tstzrange(lower(valid), greatest(lower(valid), ?), '[)')
                    WHERE pipeline_id = ? AND to_index IS NULL AND from_index < ?
                    RETURNING pipeline_id, location_id, name, deleted, lower(valid) AS since)
                INSERT INTO read_model.pipeline_version (pipeline_id, location_id, name, deleted, from_index, valid)
                SELECT pipeline_id, location_id, coalesce(?, name), deleted OR ?, ?,
                       tstzrange(greatest(since, ?), NULL, '[)')
                FROM closed""", index, at, pipelineId, index, name, deleted, index, at);
    }

    private void changeStages(String pipelineId, long index, OffsetDateTime at,
                              UnaryOperator<Map<String, StageRow>> change) {
        Map<String, StageRow> current = new LinkedHashMap<>();
        jdbc.query("""
                SELECT stage_id, name, position, win_probability, lower(valid) FROM read_model.stage_version
                WHERE pipeline_id = ? AND to_index IS NULL AND from_index < ? ORDER BY position""",
                (ResultSet rs) -> {
                    current.put(rs.getString(1), new StageRow(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getInt(4), rs.getObject(5, OffsetDateTime.class)));
                }, pipelineId, index);
        replaceStages(pipelineId, current, change.apply(current), index, at);
    }

    private void replaceStages(String pipelineId, Map<String, StageRow> before, Map<String, StageRow> after,
                               long index, OffsetDateTime at) {
        List<Object[]> closes = new ArrayList<>();
        List<Object[]> opens = new ArrayList<>();
        before.forEach((id, stage) -> {
            if (!stage.sameAs(after.get(id))) {
                closes.add(new Object[]{index, at, pipelineId, id});
            }
        });
        after.forEach((id, stage) -> {
            StageRow previous = before.get(id);
            if (!stage.sameAs(previous)) {
                OffsetDateTime since = previous != null && previous.since().isAfter(at) ? previous.since() : at;
                opens.add(new Object[]{pipelineId, id, stage.name(), stage.position(), stage.winProbability(), index,
                        since});
            }
        });
        jdbc.batchUpdate("""
                UPDATE read_model.stage_version
                SET to_index = ?, valid = tstzrange(lower(valid), greatest(lower(valid), ?), '[)')
                WHERE pipeline_id = ? AND stage_id = ? AND to_index IS NULL""", closes);
        jdbc.batchUpdate("""
                INSERT INTO read_model.stage_version (pipeline_id, stage_id, name, position, win_probability,
                    from_index, valid)
                VALUES (?, ?, ?, ?, ?, ?, tstzrange(?, NULL, '[)')) ON CONFLICT DO NOTHING""", opens);
    }

    /** A stage version's content, and when the current version began. */
    private record StageRow(String id, String name, int position, int winProbability, OffsetDateTime since) {

        StageRow at(int newPosition) {
            return new StageRow(id, name, newPosition, winProbability, since);
        }

        StageRow named(String newName) {
            return new StageRow(id, newName, position, winProbability, since);
        }

        StageRow weighted(int probability) {
            return new StageRow(id, name, position, probability, since);
        }

        boolean sameAs(StageRow other) {
            return other != null && name.equals(other.name) && position == other.position
                    && winProbability == other.winProbability;
        }
    }
}
