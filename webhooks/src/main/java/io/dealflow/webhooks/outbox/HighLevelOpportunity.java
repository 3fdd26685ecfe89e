package io.dealflow.webhooks.outbox;

import io.dealflow.events.Contact;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An opportunity with HighLevel's field names, so receivers written for HighLevel's webhooks read it unchanged.
 * {@code currency} and {@code tags} are dealflow's additions.
 *
 * @param indexVersion the opportunity's event-stream version (sequence number of its last event + 1)
 */
@Schema(name = "WebhookOpportunity")
record HighLevelOpportunity(String id, String name, BigDecimal monetaryValue, String currency,
                                   String pipelineId, String pipelineStageId, String assignedTo, String status,
                                   String source, String lastStatusChangeAt, String lastStageChangeAt,
                                   String lastActionDate, long indexVersion, String createdAt, String updatedAt,
                                   String contactId, String locationId, HighLevelContact contact, String lostReasonId,
                                   List<CustomFieldValue> customFields, List<String> followers, List<String> tags) {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The contact as HighLevel nests it; dealflow keeps no contact tags, so {@code tags} is empty. */
    @Schema(name = "WebhookContact")
    public record HighLevelContact(String id, String name, String companyName, String email, String phone,
                                   List<String> tags) {
    }

    /** One custom field value: {@code id} is the field's key. */
    @Schema(name = "WebhookCustomField")
    public record CustomFieldValue(String id, Object fieldValue) {
    }

    static HighLevelOpportunity of(OpportunityState state) {
        Contact contact = state.contact();
        return new HighLevelOpportunity(state.opportunityId(), state.name(), state.monetaryValue(), state.currency(),
                state.pipelineId(), state.stageId(), state.assignedTo(), state.status(), state.source(),
                format(state.lastStatusChangeAt()), format(state.lastStageChangeAt()), format(state.updatedAt()),
                state.version(), format(state.createdAt()), format(state.updatedAt()),
                contact == null ? null : contact.id(), state.locationId(),
                contact == null ? null : new HighLevelContact(contact.id(), contact.name(), contact.companyName(),
                        contact.email(), contact.phone(), List.of()),
                state.lostReasonId(),
                state.customFields().entrySet().stream()
                        .map(field -> new CustomFieldValue(field.getKey(), field.getValue())).toList(),
                state.followers(), state.tags());
    }

    /** ISO-8601 UTC with milliseconds, as HighLevel writes times. */
    static String format(Instant instant) {
        return instant == null ? null : MILLIS.format(instant);
    }
}
