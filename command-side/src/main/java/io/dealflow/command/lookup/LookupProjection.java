package io.dealflow.command.lookup;

import io.dealflow.command.axon.CommandAxonConfiguration;
import io.dealflow.events.Contact;
import io.dealflow.events.Stage;
import io.dealflow.events.customfield.CustomFieldArchived;
import io.dealflow.events.customfield.CustomFieldChanged;
import io.dealflow.events.customfield.CustomFieldDefined;
import io.dealflow.events.lostreason.LostReasonArchived;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.lostreason.LostReasonRenamed;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Folds events into the lookup tables. Runs in a subscribing processor, so the rows change in the same transaction
 * as the append: a command that breaks a unique index fails as a whole.
 */
@Component
@ProcessingGroup(CommandAxonConfiguration.LOOKUP_GROUP)
class LookupProjection {

    private final JdbcTemplate jdbc;

    LookupProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PipelineCreated event) {
        jdbc.update("INSERT INTO command_model.pipeline_lookup (pipeline_id, location_id, name) VALUES (?, ?, ?)",
                event.pipelineId(), event.locationId(), event.name());
        for (Stage stage : event.stages()) {
            jdbc.update("INSERT INTO command_model.stage_lookup (stage_id, pipeline_id, position) VALUES (?, ?, ?)",
                    stage.id(), event.pipelineId(), stage.position());
        }
    }

    @EventHandler
    void on(PipelineRenamed event) {
        jdbc.update("UPDATE command_model.pipeline_lookup SET name = ? WHERE pipeline_id = ?",
                event.name(), event.pipelineId());
    }

    @EventHandler
    void on(PipelineStageAdded event) {
        jdbc.update("UPDATE command_model.stage_lookup SET position = position + 1"
                + " WHERE pipeline_id = ? AND NOT removed AND position >= ?", event.pipelineId(), event.position());
        jdbc.update("INSERT INTO command_model.stage_lookup (stage_id, pipeline_id, position) VALUES (?, ?, ?)",
                event.stageId(), event.pipelineId(), event.position());
    }

    @EventHandler
    void on(PipelineStagesReordered event) {
        List<String> order = event.stageIds();
        for (int position = 0; position < order.size(); position++) {
            jdbc.update("UPDATE command_model.stage_lookup SET position = ? WHERE stage_id = ?",
                    position, order.get(position));
        }
    }

    @EventHandler
    void on(PipelineStageRemoved event) {
        Integer position = jdbc.queryForObject("SELECT position FROM command_model.stage_lookup WHERE stage_id = ?",
                Integer.class, event.stageId());
        jdbc.update("UPDATE command_model.stage_lookup SET removed = TRUE, position = -1 WHERE stage_id = ?",
                event.stageId());
        jdbc.update("UPDATE command_model.stage_lookup SET position = position - 1"
                + " WHERE pipeline_id = ? AND NOT removed AND position > ?", event.pipelineId(), position);
    }

    @EventHandler
    void on(PipelineDeleted event) {
        jdbc.update("UPDATE command_model.pipeline_lookup SET deleted = TRUE WHERE pipeline_id = ?",
                event.pipelineId());
    }

    @EventHandler
    void on(OpportunityCreated event) {
        jdbc.update("INSERT INTO command_model.opportunity_lookup (opportunity_id, location_id, pipeline_id, stage_id,"
                        + " status, contact_id) VALUES (?, ?, ?, ?, 'open', ?)",
                event.opportunityId(), event.locationId(), event.pipelineId(), event.stageId(),
                contactId(event.contact()));
    }

    @EventHandler
    void on(OpportunityContactChanged event) {
        jdbc.update("UPDATE command_model.opportunity_lookup SET contact_id = ? WHERE opportunity_id = ?",
                contactId(event.contact()), event.opportunityId());
    }

    @EventHandler
    void on(OpportunityStageMoved event) {
        jdbc.update("UPDATE command_model.opportunity_lookup SET pipeline_id = ?, stage_id = ? WHERE opportunity_id = ?",
                event.toPipelineId(), event.toStageId(), event.opportunityId());
    }

    @EventHandler
    void on(OpportunityWon event) {
        status(event.opportunityId(), "won");
    }

    @EventHandler
    void on(OpportunityLost event) {
        status(event.opportunityId(), "lost");
    }

    @EventHandler
    void on(OpportunityAbandoned event) {
        status(event.opportunityId(), "abandoned");
    }

    @EventHandler
    void on(OpportunityReopened event) {
        status(event.opportunityId(), "open");
    }

    @EventHandler
    void on(OpportunityDeleted event) {
        deleted(event.opportunityId(), true);
    }

    @EventHandler
    void on(OpportunityRestored event) {
        deleted(event.opportunityId(), false);
    }

    @EventHandler
    void on(LostReasonCreated event) {
        jdbc.update("INSERT INTO command_model.lost_reason_lookup (lost_reason_id, location_id, name) VALUES (?, ?, ?)",
                event.lostReasonId(), event.locationId(), event.name());
    }

    @EventHandler
    void on(LostReasonRenamed event) {
        jdbc.update("UPDATE command_model.lost_reason_lookup SET name = ? WHERE lost_reason_id = ?",
                event.name(), event.lostReasonId());
    }

    @EventHandler
    void on(LostReasonArchived event) {
        jdbc.update("UPDATE command_model.lost_reason_lookup SET archived = TRUE WHERE lost_reason_id = ?",
                event.lostReasonId());
    }

    @EventHandler
    void on(CustomFieldDefined event) {
        jdbc.update("INSERT INTO command_model.custom_field_lookup (location_id, field_key, type, options)"
                + " VALUES (?, ?, ?, ?)", event.locationId(), event.key(), event.type(), options(event.options()));
    }

    @EventHandler
    void on(CustomFieldChanged event) {
        jdbc.update("UPDATE command_model.custom_field_lookup SET options = ? WHERE location_id = ? AND field_key = ?",
                options(event.options()), event.locationId(), event.key());
    }

    @EventHandler
    void on(CustomFieldArchived event) {
        jdbc.update("UPDATE command_model.custom_field_lookup SET archived = TRUE WHERE location_id = ?"
                + " AND field_key = ?", event.locationId(), event.key());
    }

    private static String[] options(List<String> options) {
        return options == null ? new String[0] : options.toArray(String[]::new);
    }

    private static String contactId(Contact contact) {
        return contact == null ? null : contact.id();
    }

    private void status(String opportunityId, String status) {
        jdbc.update("UPDATE command_model.opportunity_lookup SET status = ? WHERE opportunity_id = ?",
                status, opportunityId);
    }

    private void deleted(String opportunityId, boolean deleted) {
        jdbc.update("UPDATE command_model.opportunity_lookup SET deleted = ? WHERE opportunity_id = ?",
                deleted, opportunityId);
    }
}
