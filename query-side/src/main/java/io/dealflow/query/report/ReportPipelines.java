package io.dealflow.query.report;

import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;

/**
 * The pipelines and stages of a location as the reports projection has folded them: the stage order and win
 * probabilities every report of the same moment agrees with.
 */
@Repository
class ReportPipelines {

    private final JdbcTemplate jdbc;

    ReportPipelines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads the {@code pipelineId} parameter.
     *
     * @throws BadParameter when it is required and missing, or too long
     */
    static String parameter(String pipelineId, boolean required) {
        String id = QueryParameters.text("pipelineId", pipelineId);
        if (id == null && required) {
            throw new BadParameter("pipelineId", "is required");
        }
        return id;
    }

    /**
     * The live pipeline of that id in the location, with its stages in order; null when {@code pipelineId} is null.
     *
     * @throws ResourceNotFound when the location has no such live pipeline
     */
    Pipeline find(String locationId, String pipelineId) {
        if (pipelineId == null) {
            return null;
        }
        Boolean live = jdbc.query("SELECT NOT deleted FROM read_model.report_pipeline"
                        + " WHERE pipeline_id = ? AND location_id = ?", (rs, n) -> rs.getBoolean(1), pipelineId,
                        locationId)
                .stream().findFirst().orElse(false);
        if (!live) {
            throw new ResourceNotFound("pipeline", pipelineId);
        }
        List<Stage> stages = jdbc.query("""
                SELECT stage_id, name, position, win_probability FROM read_model.report_stage
                WHERE pipeline_id = ? ORDER BY position""",
                (rs, n) -> new Stage(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)), pipelineId);
        return new Pipeline(pipelineId, stages);
    }

    /** A pipeline with its stages in board order. */
    record Pipeline(String id, List<Stage> stages) {
    }

    /** A stage as the reports see it now. */
    record Stage(String id, String name, int position, int winProbability) {
    }
}
