package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/**
 * The JSON body of a delivery. Its bytes are what the {@code webhook-signature} header signs.
 *
 * @param type        what happened, e.g. {@code OpportunityStageUpdate}
 * @param eventId     id of the event; also the {@code webhook-id} header, the same on every attempt and replay
 * @param occurredAt  when it happened, ISO-8601 UTC with milliseconds
 * @param sequence    sequence number of the event in the opportunity's stream (0 for its creation)
 * @param opportunity the opportunity right after the event, as the HighLevel API shows it
 * @param previous    the opportunity's stage, status, value and owner right before the event; only on stage, status,
 *                    value and owner updates
 * @param note        the note right after the event (as it was, for a deletion); only on note deliveries
 * @param task        the task right after the event (as it was, for a deletion); only on task deliveries
 * @param replay      true when re-sent by a replay request; always the last field (see {@link Outbox#asReplay})
 */
@Schema(name = "WebhookPayload", description = "Body of every webhook delivery")
record WebhookPayload(String type, String eventId, String occurredAt, String locationId, long sequence,
                             HighLevelOpportunity opportunity,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Previous previous,
                             @JsonInclude(JsonInclude.Include.NON_NULL) WebhookNote note,
                             @JsonInclude(JsonInclude.Include.NON_NULL) WebhookTask task,
                             boolean replay) {

    /** The opportunity's coordinates before the event. */
    @Schema(name = "WebhookPrevious")
    public record Previous(String pipelineId, String stageId, String status, BigDecimal monetaryValue,
                           String assignedTo) {
    }
}
