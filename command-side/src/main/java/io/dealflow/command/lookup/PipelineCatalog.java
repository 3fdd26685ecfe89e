package io.dealflow.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What command handlers may ask about other aggregates: a pipeline's live stages, whether a pipeline name is taken,
 * which deals are open in a stage, what a lost reason is called. Answers come from the lookup tables, which are as
 * fresh as the last committed command.
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

    /** Ids of the open, not deleted opportunities in a stage. */
    public List<String> openOpportunitiesIn(String pipelineId, String stageId) {
        return jdbc.queryForList("""
                SELECT opportunity_id FROM command_model.opportunity_lookup
                WHERE pipeline_id = ? AND stage_id = ? AND status = 'open' AND NOT deleted
                ORDER BY opportunity_id""", String.class, pipelineId, stageId);
    }

    /** How many open, not deleted opportunities a pipeline holds. */
    public long openOpportunitiesIn(String pipelineId) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.opportunity_lookup
                WHERE pipeline_id = ? AND status = 'open' AND NOT deleted""", Long.class, pipelineId);
        return count == null ? 0 : count;
    }

    /** The name of a lost reason of the location, or empty when the location has no such lost reason. */
    public Optional<String> lostReasonName(String locationId, String lostReasonId) {
        return jdbc.queryForList("""
                SELECT name FROM command_model.lost_reason_lookup WHERE lost_reason_id = ? AND location_id = ?""",
                String.class, lostReasonId, locationId).stream().findFirst();
    }

    /** Whether the location already has a lost reason of this name, ignoring case. */
    public boolean lostReasonNameTaken(String locationId, String name) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.lost_reason_lookup WHERE location_id = ? AND lower(name) = lower(?)""",
                Integer.class, locationId, name);
        return count != null && count > 0;
    }
}
