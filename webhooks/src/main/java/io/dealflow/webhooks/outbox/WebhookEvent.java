package io.dealflow.webhooks.outbox;

import io.dealflow.webhooks.subscription.WebhookEventType;

import java.time.Instant;

/**
 * Something receivers are told about: a domain event of an opportunity or of one of its notes or tasks, or a trigger
 * such as going stale.
 *
 * @param eventId     the domain event's id, or a name-based id for a trigger (the same trigger gets the same id)
 * @param globalIndex the domain event's position in the event store; null for a trigger
 * @param sequence    sequence number of the opportunity's last event at that moment
 * @param after       the opportunity right after it
 * @param before      the opportunity right before it; null for a creation or a trigger
 * @param note        the note right after it (as it was, for a deletion); only on note events
 * @param task        the task right after it (as it was, for a deletion); only on task events
 */
public record WebhookEvent(String eventId, Long globalIndex, WebhookEventType type, Instant occurredAt, long sequence,
                           OpportunityState after, OpportunityState before, WebhookNote note, WebhookTask task) {

    /** Something that happened to the opportunity itself, not to one of its notes or tasks. */
    public WebhookEvent(String eventId, Long globalIndex, WebhookEventType type, Instant occurredAt, long sequence,
                        OpportunityState after, OpportunityState before) {
        this(eventId, globalIndex, type, occurredAt, sequence, after, before, null, null);
    }
}
