package io.dealflow.webhooks.outbox;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Folds every opportunity event into the opportunity's snapshot and records it in the outbox, in the processor's
 * transaction: snapshot, event, deliveries and the tracking token commit together, so no event is lost or queued
 * twice. Events only join the batch's {@link OutboxBatch}, which reads and writes once per batch, just before it
 * commits. It never calls receivers; the dispatcher does, from the rows. A reset of its tokens must not send old
 * events again, hence {@link DisallowReplay}: replays are asked for per subscription.
 */
@Component
@ProcessingGroup(OutboxProjection.GROUP)
@DisallowReplay
public class OutboxProjection {

    /** Processing group (and processor) name. */
    public static final String GROUP = "webhook-outbox";

    private static final String BATCH_RESOURCE = OutboxBatch.class.getName();

    private final OpportunitySnapshots snapshots;
    private final OpportunityItems items;
    private final Outbox outbox;

    OutboxProjection(OpportunitySnapshots snapshots, OpportunityItems items, Outbox outbox) {
        this.snapshots = snapshots;
        this.items = items;
        this.outbox = outbox;
    }

    @EventHandler
    void on(Object event, DomainEventMessage<?> message, TrackingToken token) {
        if (!OpportunityState.folds(event)) {
            return;
        }
        Long position = token == null || token.position().isEmpty() ? null : token.position().getAsLong();
        batch().add(message.getIdentifier(), message.getAggregateIdentifier(), event, message.getTimestamp(),
                message.getSequenceNumber(), position, NoteAndTaskFold.author(message.getMetaData()));
    }

    /** The events of the running batch, written when it commits. */
    private OutboxBatch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH_RESOURCE, key -> {
            OutboxBatch batch = new OutboxBatch();
            unitOfWork.onPrepareCommit(u -> batch.flush(snapshots, items, outbox));
            return batch;
        });
    }
}
