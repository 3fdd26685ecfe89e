package io.dealflow.webhooks.outbox;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.webhooks.subscription.WebhookEventType;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Folds every opportunity event into the opportunity's snapshot and records it in the outbox, in the processor's
 * transaction: snapshot, event, deliveries and the tracking token commit together, so no event is lost or queued
 * twice. It never calls receivers; the dispatcher does, from the rows. A reset of its tokens must not send old events
 * again, hence {@link DisallowReplay}: replays are asked for per subscription.
 */
@Component
@ProcessingGroup(OutboxProjection.GROUP)
@DisallowReplay
public class OutboxProjection {

    /** Processing group (and processor) name. */
    public static final String GROUP = "webhook-outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxProjection.class);

    private final OpportunitySnapshots snapshots;
    private final Outbox outbox;

    OutboxProjection(OpportunitySnapshots snapshots, Outbox outbox) {
        this.snapshots = snapshots;
        this.outbox = outbox;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message, TrackingToken token) {
        if (!OpportunityState.folds(event)) {
            return;
        }
        Instant at = message.getTimestamp();
        Optional<OpportunityState> before = snapshots.find(message.getAggregateIdentifier());
        OpportunityState after;
        if (event instanceof OpportunityCreated created) {
            after = OpportunityState.created(created, at);
        } else if (before.isPresent()) {
            after = before.get().next(event, at, message.getSequenceNumber());
        } else {
            log.warn("no snapshot of opportunity {}; {} not delivered", message.getAggregateIdentifier(),
                    event.getClass().getSimpleName());
            return;
        }
        snapshots.save(after);
        WebhookEventType type = OpportunityState.typeOf(event);
        if (type != null) {
            Long position = token == null || token.position().isEmpty() ? null : token.position().getAsLong();
            outbox.record(new WebhookEvent(message.getIdentifier(), position, type, at, message.getSequenceNumber(),
                    after, before.orElse(null)));
        }
    }
}
