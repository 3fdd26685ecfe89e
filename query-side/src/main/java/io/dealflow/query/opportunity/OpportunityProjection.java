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
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.query.BatchFold;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.opportunity.OpportunityBatch.Row;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Folds every opportunity event into {@code read_model.opportunity}, one row per opportunity with the state the
 * detail and search show. Every event, notes and tasks included, advances the row's version and {@code updatedAt};
 * an event no newer than the row's version is a redelivery and changes nothing.
 *
 * <p>Handlers only record their change in the batch's {@link OpportunityBatch}, which reads and writes the rows once
 * per batch, just before it commits.
 */
@Component
@ProcessingGroup(ReadModels.OPPORTUNITIES)
class OpportunityProjection {

    private static final ObjectMapper JSON = EventSerialization.eventMapper();
    private static final Contact NO_CONTACT = new Contact(null, null, null, null, null);
    private static final String BATCH_RESOURCE = OpportunityBatch.class.getName();

    private final JdbcTemplate jdbc;

    OpportunityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        OffsetDateTime at = EventTime.of(timestamp);
        Row row = new Row(event.opportunityId(), event.locationId());
        row.name = event.name();
        row.pipelineId = event.pipelineId();
        row.stageId = event.stageId();
        row.status = "open";
        row.monetaryValue = event.monetaryValue();
        row.currency = event.currency();
        row.contact = contact;
        row.source = event.source();
        row.assignedTo = event.assignedTo();
        row.followers = texts(event.followers());
        row.tags = texts(event.tags());
        row.customFields = json(event.customFields());
        row.createdAt = at;
        row.updatedAt = at;
        row.lastStageChangeAt = at;
        row.lastStatusChangeAt = at;
        batch().create(row, sequence);
    }

    @EventHandler
    void on(OpportunityStageMoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        OffsetDateTime at = EventTime.of(timestamp);
        change(event.opportunityId(), sequence, at, row -> {
            row.pipelineId = event.toPipelineId();
            row.stageId = event.toStageId();
            row.lastStageChangeAt = at;
        });
    }

    @EventHandler
    void on(OpportunityWon event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        status(event.opportunityId(), sequence, timestamp, "won");
    }

    @EventHandler
    void on(OpportunityLost event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        OffsetDateTime at = EventTime.of(timestamp);
        change(event.opportunityId(), sequence, at, row -> {
            row.status = "lost";
            row.lostReasonId = event.lostReasonId();
            row.lostReason = event.lostReason();
            row.lastStatusChangeAt = at;
        });
    }

    @EventHandler
    void on(OpportunityAbandoned event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        status(event.opportunityId(), sequence, timestamp, "abandoned");
    }

    @EventHandler
    void on(OpportunityReopened event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        OffsetDateTime at = EventTime.of(timestamp);
        change(event.opportunityId(), sequence, at, row -> {
            row.status = "open";
            row.lostReasonId = null;
            row.lostReason = null;
            row.lastStatusChangeAt = at;
        });
    }

    @EventHandler
    void on(OpportunityValueChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> {
            row.monetaryValue = event.monetaryValue();
            row.currency = event.currency();
        });
    }

    @EventHandler
    void on(OpportunityRenamed event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.name = event.name());
    }

    @EventHandler
    void on(OpportunityContactChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.contact = contact);
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.assignedTo = event.assignedTo());
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.source = event.source());
    }

    @EventHandler
    void on(OpportunityTagsChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        List<String> tags = texts(event.tags());
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.tags = tags);
    }

    @EventHandler
    void on(OpportunityCustomFieldsChanged event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        String fields = json(event.customFields());
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.customFields = fields);
    }

    @EventHandler
    void on(OpportunityFollowerAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> {
            // As array_append(array_remove(followers, id), id): once, and last.
            List<String> followers = without(row.followers, event.followerId());
            followers.add(event.followerId());
            row.followers = followers;
        });
    }

    @EventHandler
    void on(OpportunityFollowerRemoved event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp),
                row -> row.followers = without(row.followers, event.followerId()));
    }

    // Notes and tasks are not on the row; as events of the deal they advance its version and updatedAt only.

    @EventHandler
    void on(OpportunityNoteAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityNoteEdited event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityNoteDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityTaskAdded event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityTaskEdited event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityTaskCompleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityTaskReopened event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityTaskDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        touched(event.opportunityId(), sequence, timestamp);
    }

    @EventHandler
    void on(OpportunityDeleted event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.deleted = true);
    }

    @EventHandler
    void on(OpportunityRestored event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        change(event.opportunityId(), sequence, EventTime.of(timestamp), row -> row.deleted = false);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.opportunity");
    }

    private void status(String opportunityId, long sequence, Instant timestamp, String status) {
        OffsetDateTime at = EventTime.of(timestamp);
        change(opportunityId, sequence, at, row -> {
            row.status = status;
            row.lastStatusChangeAt = at;
        });
    }

    /** Records an event that changes nothing on the row but its version and {@code updatedAt}. */
    private void touched(String opportunityId, long sequence, Instant timestamp) {
        change(opportunityId, sequence, EventTime.of(timestamp), null);
    }

    /** Records {@code change} (may be null) in the running batch; it applies when the event is newer than the row. */
    private void change(String opportunityId, long sequence, OffsetDateTime at, Consumer<Row> change) {
        batch().change(opportunityId, sequence, at, change);
    }

    /** The rows of the running batch, written just before it commits. */
    private OpportunityBatch batch() {
        return BatchFold.current(BATCH_RESOURCE, OpportunityBatch::new, batch -> batch.flush(jdbc));
    }

    private static List<String> without(List<String> values, String value) {
        List<String> rest = new ArrayList<>(values);
        rest.removeIf(element -> Objects.equals(element, value));
        return rest;
    }

    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : new ArrayList<>(values);
    }

    private static String json(Map<String, Object> customFields) {
        try {
            return JSON.writeValueAsString(customFields == null ? Map.of() : customFields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("custom fields are not JSON", e);
        }
    }
}
