package io.dealflow.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * What command handlers and doors may ask about opportunities: which are open or closed in a stage or pipeline, a
 * contact's open ones (under a lock, for the duplicate rule), and a deal's location when a request names it by id
 * alone. Answers come from the lookup tables, which are as fresh as the last committed command.
 */
@Component
public class OpportunityCatalog {

    /** First key of the advisory locks on (location, pipeline, contact); keeps them apart from any other lock. */
    private static final int CONTACT_LOCK_CLASS = 4711;

    private final JdbcTemplate jdbc;

    OpportunityCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
}
