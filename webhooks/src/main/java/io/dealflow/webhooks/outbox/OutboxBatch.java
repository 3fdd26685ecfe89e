package io.dealflow.webhooks.outbox;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.webhooks.subscription.WebhookEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The opportunity events of one processor batch, folded and written when the batch commits: one query loads the
 * snapshots of every opportunity the batch touches, the events fold into them in memory in the order they came (a
 * batch may hold several events of one opportunity), and the new snapshots, the recorded events and their deliveries
 * go out with a statement each. Everything happens before the token is stored, in its transaction.
 */
final class OutboxBatch {

    private static final Logger log = LoggerFactory.getLogger(OutboxBatch.class);

    private final List<Change> changes = new ArrayList<>();

    /**
     * Adds an event of the batch.
     *
     * @param globalIndex the event's position in the event store; null when the token has none
     */
    void add(String eventId, String opportunityId, Object event, Instant at, long sequence, Long globalIndex) {
        changes.add(new Change(eventId, opportunityId, event, at, sequence, globalIndex));
    }

    /** Folds the batch's events into the stored snapshots and writes snapshots, events and deliveries. */
    void flush(OpportunitySnapshots snapshots, Outbox outbox) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, OpportunityState> states = new HashMap<>(snapshots.findAll(toLoad()));
        Map<String, OpportunityState> changed = new LinkedHashMap<>();
        List<WebhookEvent> recorded = new ArrayList<>();
        for (Change change : changes) {
            OpportunityState before = states.get(change.opportunityId());
            OpportunityState after;
            if (change.event() instanceof OpportunityCreated created) {
                after = OpportunityState.created(created, change.at());
            } else if (before != null) {
                after = before.next(change.event(), change.at(), change.sequence());
            } else {
                log.warn("no snapshot of opportunity {}; {} not delivered", change.opportunityId(),
                        change.event().getClass().getSimpleName());
                continue;
            }
            states.put(change.opportunityId(), after);
            changed.put(change.opportunityId(), after);
            WebhookEventType type = OpportunityState.typeOf(change.event());
            if (type != null) {
                recorded.add(new WebhookEvent(change.eventId(), change.globalIndex(), type, change.at(),
                        change.sequence(), after, before));
            }
        }
        changes.clear();
        snapshots.saveAll(changed.values());
        outbox.recordAll(recorded);
    }

    /** Opportunities whose stored snapshot the batch needs: those not created by their first event in it. */
    private Set<String> toLoad() {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> load = new LinkedHashSet<>();
        for (Change change : changes) {
            if (seen.add(change.opportunityId()) && !(change.event() instanceof OpportunityCreated)) {
                load.add(change.opportunityId());
            }
        }
        return load;
    }

    private record Change(String eventId, String opportunityId, Object event, Instant at, long sequence,
                          Long globalIndex) {
    }
}
