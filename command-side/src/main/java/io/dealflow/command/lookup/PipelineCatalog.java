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

    /** First key of the advisory locks on (location, pipeline, contact); keeps them apart from any other lock. */
    private static final int CONTACT_LOCK_CLASS = 4711;

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

    /** Ids of the won, lost or abandoned (not deleted) opportunities in a stage. */
    public List<String> closedOpportunitiesIn(String pipelineId, String stageId) {
        return jdbc.queryForList("""
                SELECT opportunity_id FROM command_model.opportunity_lookup
                WHERE pipeline_id = ? AND stage_id = ? AND status <> 'open' AND NOT deleted
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

    /** Whether a lost reason of the location is archived; false when there is no such lost reason. */
    public boolean lostReasonArchived(String locationId, String lostReasonId) {
        return jdbc.queryForList("""
                SELECT archived FROM command_model.lost_reason_lookup WHERE lost_reason_id = ? AND location_id = ?""",
                Boolean.class, lostReasonId, locationId).stream().findFirst().orElse(false);
    }

    /**
     * Whether another live (not archived) lost reason of the location already has this name, ignoring case.
     *
     * @param exceptLostReasonId the reason being renamed, which may keep its own name; null when creating
     */
    public boolean lostReasonNameTaken(String locationId, String name, String exceptLostReasonId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.lost_reason_lookup
                WHERE location_id = ? AND lower(name) = lower(?) AND NOT archived AND lost_reason_id <> ?""",
                Integer.class, locationId, name, exceptLostReasonId == null ? "" : exceptLostReasonId);
        return count != null && count > 0;
    }

    /**
     * The location's {@code allowDuplicateOpportunity} setting, or empty when it was never set (then each door applies
     * its own default).
     */
    public Optional<Boolean> allowDuplicateOpportunity(String locationId) {
        return jdbc.queryForList("""
                SELECT allow_duplicate_opportunity FROM command_model.location_setting
                WHERE location_id = ? AND allow_duplicate_opportunity IS NOT NULL""", Boolean.class, locationId)
                .stream().findFirst();
    }

    /**
     * Another open, not deleted opportunity of the contact in the pipeline, if any. Takes a transaction-scoped lock on
     * (location, pipeline, contact) first, held until the calling command commits: two concurrent commands that
     * would each open a deal for the same contact in the same pipeline are decided one after the other, and the
     * second sees the first's lookup row.
     */
    public Optional<String> lockOtherOpenOpportunityOfContact(String locationId, String pipelineId, String contactId,
                                                              String exceptOpportunityId) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?, hashtext(? || '/' || ? || '/' || ?))", Object.class,
                CONTACT_LOCK_CLASS, locationId, pipelineId, contactId);
        return openOpportunitiesOfContact(locationId, pipelineId, contactId).stream()
                .filter(id -> !id.equals(exceptOpportunityId))
                .findFirst();
    }

    /** Ids of the open, not deleted opportunities of a contact in a pipeline of the location, oldest first. */
    public List<String> openOpportunitiesOfContact(String locationId, String pipelineId, String contactId) {
        return jdbc.queryForList("""
                SELECT opportunity_id FROM command_model.opportunity_lookup
                WHERE location_id = ? AND pipeline_id = ? AND contact_id = ? AND status = 'open' AND NOT deleted
                ORDER BY opportunity_id""", String.class, locationId, pipelineId, contactId);
    }

    /**
     * The location an opportunity belongs to, if it exists and is not deleted. For doors whose requests name a deal
     * by id only, without its location.
     */
    public Optional<String> locationOfOpportunity(String opportunityId) {
        return jdbc.queryForList("""
                SELECT location_id FROM command_model.opportunity_lookup WHERE opportunity_id = ? AND NOT deleted""",
                String.class, opportunityId).stream().findFirst();
    }

    /** The location a pipeline belongs to, if it exists and is not deleted. */
    public Optional<String> locationOfPipeline(String pipelineId) {
        return jdbc.queryForList("""
                SELECT location_id FROM command_model.pipeline_lookup WHERE pipeline_id = ? AND NOT deleted""",
                String.class, pipelineId).stream().findFirst();
    }
}
