package io.dealflow.highlevel.pipeline;

import io.dealflow.highlevel.http.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads pipelines in HighLevel's shape from the query side's {@code read_model.pipeline} and
 * {@code read_model.pipeline_stage}.
 */
@Repository
class HighLevelPipelineReader {

    private static final String SELECT = """
            SELECT p.pipeline_id, p.location_id, p.name, p.created_at, p.updated_at,
                   s.stage_id, s.name AS stage_name, s.position, s.win_probability
            FROM read_model.pipeline p
            LEFT JOIN read_model.pipeline_stage s ON s.pipeline_id = p.pipeline_id
            """;

    private final JdbcTemplate jdbc;

    HighLevelPipelineReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The live pipelines of a location, oldest first. */
    List<HighLevelPipeline> list(String locationId) {
        return read(SELECT + " WHERE p.location_id = ? AND NOT p.deleted ORDER BY p.created_at, p.pipeline_id,"
                + " s.position", locationId);
    }

    /** The pipeline of that id unless it is deleted, whatever its location. */
    Optional<HighLevelPipeline> find(String pipelineId) {
        return read(SELECT + " WHERE p.pipeline_id = ? AND NOT p.deleted ORDER BY s.position", pipelineId)
                .stream().findFirst();
    }

    private List<HighLevelPipeline> read(String sql, Object argument) {
        Map<String, PipelineRows> pipelines = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            PipelineRows rows = pipelines.computeIfAbsent(rs.getString("pipeline_id"), id -> new PipelineRows());
            rows.accept(rs);
        }, argument);
        return pipelines.values().stream().map(PipelineRows::pipeline).toList();
    }

    /** One pipeline's rows: its columns, then one stage per row. */
    private static final class PipelineRows {
        private String id;
        private String locationId;
        private String name;
        private String dateAdded;
        private String dateUpdated;
        private final List<HighLevelPipeline.HighLevelStage> stages = new ArrayList<>();

        void accept(ResultSet rs) throws SQLException {
            id = rs.getString("pipeline_id");
            locationId = rs.getString("location_id");
            name = rs.getString("name");
            dateAdded = time(rs, "created_at");
            dateUpdated = time(rs, "updated_at");
            if (rs.getString("stage_id") != null) {
                stages.add(new HighLevelPipeline.HighLevelStage(rs.getString("stage_id"), rs.getString("stage_name"),
                        rs.getInt("position"), true, true, rs.getInt("win_probability")));
            }
        }

        HighLevelPipeline pipeline() {
            return new HighLevelPipeline(id, name, locationId, true, true, dateAdded, dateUpdated, List.copyOf(stages));
        }

        private static String time(ResultSet rs, String column) throws SQLException {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : Timestamps.format(value.toInstant());
        }
    }
}
