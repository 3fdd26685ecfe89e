package io.dealflow.query.pipeline;

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
 * Reads live (not deleted) pipelines with their ordered stages, for the query side's own endpoints and for other
 * doors (the HighLevel-compatible API).
 */
@Repository
public class PipelineReader {

    private static final String SELECT = """
            SELECT p.pipeline_id, p.location_id, p.name, p.created_at, p.updated_at, p.version,
                   s.stage_id, s.name AS stage_name, s.position, s.win_probability
            FROM read_model.pipeline p
            LEFT JOIN read_model.pipeline_stage s ON s.pipeline_id = p.pipeline_id
            """;
    private static final String OF_LOCATION = SELECT + "WHERE p.location_id = ? AND NOT p.deleted";

    private final JdbcTemplate jdbc;

    PipelineReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every live pipeline of the location, oldest first. */
    public List<PipelineView> findAll(String locationId) {
        return collect(OF_LOCATION + " ORDER BY p.created_at, p.pipeline_id, s.position", locationId);
    }

    /** The live pipeline of that id in the location, or empty. */
    public Optional<PipelineView> find(String locationId, String pipelineId) {
        return collect(OF_LOCATION + " AND p.pipeline_id = ? ORDER BY s.position", locationId, pipelineId)
                .stream().findFirst();
    }

    /** The live pipeline of that id, whatever its location, or empty. */
    public Optional<PipelineView> find(String pipelineId) {
        return collect(SELECT + "WHERE p.pipeline_id = ? AND NOT p.deleted ORDER BY s.position", pipelineId)
                .stream().findFirst();
    }

    private List<PipelineView> collect(String sql, Object... arguments) {
        Map<String, PipelineView> pipelines = new LinkedHashMap<>();
        jdbc.query(sql, (ResultSet rs) -> {
            PipelineView pipeline = pipelines.computeIfAbsent(rs.getString("pipeline_id"), id -> read(rs));
            if (rs.getString("stage_id") != null) {
                pipeline.stages().add(new StageView(rs.getString("stage_id"), rs.getString("stage_name"),
                        rs.getInt("position"), rs.getInt("win_probability")));
            }
        }, arguments);
        return List.copyOf(pipelines.values());
    }

    private static PipelineView read(ResultSet rs) {
        try {
            return new PipelineView(rs.getString("pipeline_id"), rs.getString("location_id"), rs.getString("name"),
                    new ArrayList<>(), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pipeline row", e);
        }
    }
}
