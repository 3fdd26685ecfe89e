package io.dealflow.query.opportunity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityFollowerRemoved;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.store.EventSerialization;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Folds every opportunity event into {@code read_model.opportunity}, one row per opportunity with the state the
 * detail and search show. Every event, notes and tasks included, advances the row's version and {@code updatedAt};
 * an event no newer than the row's version is a redelivery and changes nothing.
 */
@Component
@ProcessingGroup(ReadModels.OPPORTUNITIES)
class OpportunityProjection {

    private static final ObjectMapper JSON = EventSerialization.eventMapper();
    private static final Contact NO_CONTACT = new Contact(null, null, null, null, null);

    private final JdbcTemplate jdbc;

    OpportunityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        var at = EventTime.of(timestamp);
        jdbc.update("""
                INSERT INTO read_model.opportunity (opportunity_id, location_id, name, pipeline_id, stage_id, status,
                    monetary_value, currency, contact_id, contact_name, contact_email, contact_phone, contact_company,
                    source, assigned_to, followers, tags, custom_fields, created_at, updated_at, last_stage_change_at,
                    last_status_change_at, version)
                VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)
                ON CONFLICT (opportunity_id) DO NOTHING""",
                event.opportunityId(), event.locationId(), event.name(), event.pipelineId(), event.stageId(),
                event.monetaryValue(), event.currency(), contact.id(), contact.name(), contact.email(),
                contact.phone(), contact.companyName(), event.source(), event.assignedTo(),
                texts(event.followers()), texts(event.tags()), json(event.customFields()), at, at, at, at,
                sequence + 1);
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "pipeline_id = ?, stage_id = ?, last_stage_change_at = ?",
                event.toPipelineId(), event.toStageId(), EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "status = 'won', last_status_change_at = ?",
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp,
                "status = 'lost', lost_reason_id = ?, lost_reason = ?, last_status_change_at = ?",
                event.lostReasonId(), event.lostReason(), EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityAbandoned event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "status = 'abandoned', last_status_change_at = ?",
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp,
                "status = 'open', lost_reason_id = NULL, lost_reason = NULL, last_status_change_at = ?",
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "monetary_value = ?, currency = ?",
                event.monetaryValue(), event.currency());
    }

    @EventHandler
    void on(OpportunityRenamed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "name = ?", event.name());
    }

    @EventHandler
    void on(OpportunityContactChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        change(event.opportunityId(), sequence, timestamp,
                "contact_id = ?, contact_name = ?, contact_email = ?, contact_phone = ?, contact_company = ?",
                contact.id(), contact.name(), contact.email(), contact.phone(), contact.companyName());
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "assigned_to = ?", event.assignedTo());
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "source = ?", event.source());
    }

    @EventHandler
    void on(OpportunityTagsChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "tags = ?", (Object) texts(event.tags()));
    }

    @EventHandler
    void on(OpportunityCustomFieldsChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "custom_fields = ?::jsonb", json(event.customFields()));
    }

    @EventHandler
    void on(OpportunityFollowerAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "followers = array_append(array_remove(followers, ?), ?)",
                event.followerId(), event.followerId());
    }

    @EventHandler
    void on(OpportunityFollowerRemoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "followers = array_remove(followers, ?)",
                event.followerId());
    }

    @EventHandler
    void on(OpportunityNoteAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, null);
    }

    @EventHandler
    void on(OpportunityTaskAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, null);
    }

    @EventHandler
    void on(OpportunityTaskCompleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, null);
    }

    @EventHandler
    void on(OpportunityDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "deleted = TRUE");
    }

    @EventHandler
    void on(OpportunityRestored event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, timestamp, "deleted = FALSE");
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.opportunity");
    }

    /** Applies {@code assignments} (may be null) when the event is newer than the row, and records it as applied. */
    private void change(String opportunityId, long sequence, Instant timestamp, String assignments,
                        Object... values) {
        List<Object> arguments = new ArrayList<>(Arrays.asList(values));
        arguments.addAll(List.of(sequence + 1, EventTime.of(timestamp), opportunityId, sequence));
        jdbc.update("UPDATE read_model.opportunity SET " + (assignments == null ? "" : assignments + ", ")
                + "version = ?, updated_at = ? WHERE opportunity_id = ? AND version <= ?", arguments.toArray());
    }

    private static String[] texts(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }

    private static String json(Map<String, Object> customFields) {
        try {
            return JSON.writeValueAsString(customFields == null ? Map.of() : customFields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom fields are not JSON", e);
        }
    }
}
