package io.dealflow.webhooks.outbox;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.webhooks.outbox.OpportunityItems.Key;
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
 * go out with a statement each. Notes and tasks the batch touches are loaded, folded ({@link NoteAndTaskFold}) and
 * written the same way, so a delivery about a task's completion shows the whole task. Everything happens before the
 * token is stored, in its transaction.
 */
final class OutboxBatch {

    private static final Logger log = LoggerFactory.getLogger(OutboxBatch.class);

    private final List<Change> changes = new ArrayList<>();

    /**
     * Adds an event of the batch.
     *
     * @param globalIndex the event's position in the event store; null when the token has none
     * @param actor       who caused it: the user the client acted for, else the API key; null when unknown
     */
    void add(String eventId, String opportunityId, Object event, Instant at, long sequence, Long globalIndex,
             String actor) {
        changes.add(new Change(eventId, opportunityId, event, at, sequence, globalIndex, actor));
    }

    /** Folds the batch's events into the stored snapshots and items, and writes them, the events and deliveries. */
    void flush(OpportunitySnapshots snapshots, OpportunityItems items, Outbox outbox) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, OpportunityState> states = new HashMap<>(snapshots.findAll(toLoad()));
        Map<String, OpportunityState> changed = new LinkedHashMap<>();
        ItemStates itemStates = new ItemStates(items.findAll(itemsToLoad()));
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
            Object item = itemStates.apply(change, items);
            recorded.add(new WebhookEvent(change.eventId(), change.globalIndex(),
                    OpportunityState.typeOf(change.event()), change.at(), change.sequence(), after, before,
                    item instanceof WebhookNote note ? note : null, item instanceof WebhookTask task ? task : null));
        }
        changes.clear();
        snapshots.saveAll(changed.values());
        itemStates.write(items);
        outbox.recordAll(recorded);
    }

    /** Notes and tasks whose stored state the batch needs: those not added by their first event in it. */
    private Set<Key> itemsToLoad() {
        Set<Key> seen = new LinkedHashSet<>();
        Set<Key> load = new LinkedHashSet<>();
        for (Change change : changes) {
            Key key = NoteAndTaskFold.keyOf(change.opportunityId(), change.event());
            if (key != null && seen.add(key) && !NoteAndTaskFold.adds(change.event())) {
                load.add(key);
            }
        }
        return load;
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
                          Long globalIndex, String actor) {
    }

    /** The notes and tasks the batch touches, as its events leave them; a deleted one is absent. */
    private static final class ItemStates {

        private final Map<Key, Object> states;
        private final Set<Key> touched = new LinkedHashSet<>();

        ItemStates(Map<Key, Object> stored) {
            this.states = new HashMap<>(stored);
        }

        /** Folds the change into its note or task and answers it; null for an event of the opportunity itself. */
        Object apply(Change change, OpportunityItems items) {
            Key key = NoteAndTaskFold.keyOf(change.opportunityId(), change.event());
            if (key == null) {
                return null;
            }
            Object before = states.containsKey(key) || NoteAndTaskFold.adds(change.event()) ? states.get(key)
                    : items.fromHistory(key, change.sequence());
            Object after = NoteAndTaskFold.after(key, change.event(), before, change.at(), change.actor());
            touched.add(key);
            if (NoteAndTaskFold.deletes(change.event())) {
                states.remove(key);
            } else {
                states.put(key, after);
            }
            return after;
        }

        /** Saves the touched notes and tasks that remain and forgets the deleted ones. */
        void write(OpportunityItems items) {
            Map<Key, Object> toSave = new LinkedHashMap<>();
            List<Key> toDelete = new ArrayList<>();
            for (Key key : touched) {
                if (states.containsKey(key)) {
                    toSave.put(key, states.get(key));
                } else {
                    toDelete.add(key);
                }
            }
            items.saveAll(toSave);
            items.deleteAll(toDelete);
        }
    }
}
