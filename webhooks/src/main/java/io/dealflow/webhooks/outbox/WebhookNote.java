package io.dealflow.webhooks.outbox;

import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * A note of an opportunity as note deliveries show it, folded from its events and kept in
 * {@code webhooks.opportunity_item} between them. Times are ISO-8601 UTC with milliseconds, as everywhere in payloads.
 *
 * @param createdBy the user the client acted for when it was written, else the API key; null when unknown
 * @param createdAt null only when the note's earlier events cannot be found
 */
@Schema(name = "WebhookNote")
record WebhookNote(String id, String body, String createdAt, String createdBy, String updatedAt) {

    static WebhookNote added(OpportunityNoteAdded event, Instant at, String actor) {
        String time = HighLevelOpportunity.format(at);
        return new WebhookNote(event.noteId(), event.body(), time, actor, time);
    }

    /** The note with its new body; {@code known} is null when nothing else is known of the note. */
    static WebhookNote edited(WebhookNote known, OpportunityNoteEdited event, Instant at) {
        String time = HighLevelOpportunity.format(at);
        return known == null ? new WebhookNote(event.noteId(), event.body(), null, null, time)
                : new WebhookNote(known.id(), event.body(), known.createdAt(), known.createdBy(), time);
    }
}
