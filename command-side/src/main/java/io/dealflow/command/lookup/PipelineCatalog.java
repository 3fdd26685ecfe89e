package io.dealflow.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What command handlers and doors may ask about pipelines: a pipeline's live stages, whether its name is taken, and
 * its location when a request names it by id alone. Answers come from the lookup tables, which are as fresh as the
 * last committed command.
 */
@Component
public class PipelineCatalog {

    private final JdbcTemplate jdbc;

    PipelineCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The live stage ids of a pipeline of the location, in board order; empty when there is no such pipeline. */
    public Optional<List<String>> stagesOf(String locationId, String pipelineId) {
        List<String> stages = jdbc.queryForList("""
                SELECT s.stage_id FROM command_model.stage_lookup s
                JOIN command_model.pipeline_lookup p ON p.pipeline_id = s.pipeline_id
                WHERE p.pipeline_id = ? AND p.location_id = ? AND NOT p.deleted AND NOT s.removed
                ORDER BY s.position""", String.class, pipelineId, locationId);
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages);
    }

    /** Whether another live pipeline of the location already has this name, ignoring case. */
    public boolean pipelineNameTaken(String locationId, String name, String exceptPipelineId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.pipeline_lookup
                WHERE location_id = ? AND lower(name) = lower(?) AND NOT deleted AND pipeline_id <> ?""",
                Integer.class, locationId, name, exceptPipelineId == null ? "" : exceptPipelineId);
        return count != null && count > 0;
    }

    /** The location a pipeline belongs to, if it exists and is not deleted. */
    public Optional<String> locationOfPipeline(String pipelineId) {
        return jdbc.queryForList("""
                SELECT location_id FROM command_model.pipeline_lookup WHERE pipeline_id = ? AND NOT deleted""",
                String.class, pipelineId).stream().findFirst();
    }
}
