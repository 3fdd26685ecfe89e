package io.dealflow.bulk.operation;

import io.dealflow.bulk.Backlog;
import io.dealflow.bulk.BulkProperties;
import io.dealflow.bulk.Worker;
import io.dealflow.bulk.axon.ItemCommands;
import io.dealflow.bulk.axon.ItemCommands.Outcome;
import io.dealflow.events.EventMetadata;
import io.dealflow.query.opportunity.AsOfOpportunities;
import io.dealflow.query.opportunity.AsOfOpportunities.Standing;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works through running bulk operations, one item (deal) at a time: sends the item's commands and records its outcome
 * in one transaction, checks for a cancel between items, and finishes the operation when no item is left, or fails it
 * when one item keeps meeting an unexpected error.
 */
@Component
class OperationBacklog implements Backlog {

    /** Title of an undo's failure for a deal something else changed after the undone operation. */
    static final String CHANGED_SINCE = "changed since";
    private static final Logger LOG = LoggerFactory.getLogger(OperationBacklog.class);

    private final BulkOperations operations;
    private final ItemCommands items;
    private final AsOfOpportunities history;
    private final BulkProperties properties;
    private final Worker worker;

    OperationBacklog(BulkOperations operations, ItemCommands items, AsOfOpportunities history,
                     BulkProperties properties, @Lazy Worker worker) {
        this.operations = operations;
        this.items = items;
        this.history = history;
        this.properties = properties;
        this.worker = worker;
    }

    @Override
    public boolean workOnce() {
        Optional<BulkOperations.Running> claimed = operations.claim(properties.nodeId(), properties.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        BulkOperations.Running operation = claimed.get();
        List<BulkOperations.Item> batch = operations.pending(operation.operationId(), properties.batchSize());
        if (batch.isEmpty()) {
            operations.finish(operation.operationId(), BulkOperations.COMPLETED);
            return true;
        }
        Map<String, String> values = new HashMap<>(operation.metadata());
        values.put(EventMetadata.BULK_OPERATION_ID, operation.operationId());
        MetaData metadata = MetaData.from(values);
        for (BulkOperations.Item item : batch) {
            if (worker.stopping()) {
                return true;
            }
            if (operations.cancelRequested(operation.operationId())) {
                operations.finish(operation.operationId(), BulkOperations.CANCELLED);
                return true;
            }
            try {
                run(operation, item, metadata);
            } catch (RuntimeException e) {
                if (ItemCommands.databaseAway(e)) {
                    throw e;
                }
                stalled(operation, item, e);
                // Not counted as work: the worker waits its idle poll before it tries the item again.
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * An item met an unexpected error (neither a refusal of its commands nor the database being away): it stays to do
     * and is tried again, unless that was the same item's {@code maxItemAttempts}-th in a row, which ends the
     * operation {@code failed} rather than trying it forever with every later operation waiting behind it.
     */
    private void stalled(BulkOperations.Running operation, BulkOperations.Item item, RuntimeException error) {
        int attempts = operations.stalled(operation.operationId(), item.position());
        LOG.warn("bulk operation {}: deal {} met an unexpected error ({} in a row)", operation.operationId(),
                item.opportunityId(), attempts, error);
        if (attempts >= properties.maxItemAttempts()) {
            operations.fail(operation.operationId(), "stopped at deal " + item.opportunityId() + ": an unexpected "
                    + "error (" + error.getClass().getSimpleName() + ") " + attempts + " times in a row; the deals"
                    + " after it were left alone (the server log has the details)");
        }
    }

    private void run(BulkOperations.Running operation, BulkOperations.Item item, MetaData metadata) {
        String id = item.opportunityId();
        List<Object> commands;
        if (operation.action() == BulkAction.UNDO) {
            Optional<List<Object>> plan = undo(operation.locationId(), item);
            if (plan.isEmpty()) {
                items.inTransaction(() -> operations.record(operation.operationId(), item.position(), "failed", null,
                        null, 409, CHANGED_SINCE));
                return;
            }
            commands = plan.get();
        } else {
            commands = operation.action().commands(id, operation.locationId(), operation.params());
        }
        Outcome outcome = items.send(id, commands, metadata, versions -> operations.record(operation.operationId(),
                item.position(), versions.changed() ? "succeeded" : "unchanged", versions.before(), versions.after(),
                null, null), false);
        if (outcome.refused()) {
            boolean stale = operation.action() == BulkAction.UNDO && outcome.status() == 412;
            items.inTransaction(() -> operations.record(operation.operationId(), item.position(), "failed", null,
                    null, stale ? 409 : outcome.status(), stale ? CHANGED_SINCE : outcome.title()));
        }
    }

    /**
     * The commands that put the deal back as it stood before the undone operation's item, or empty when something
     * else changed the deal since (its version is no longer the one the item left).
     */
    private Optional<List<Object>> undo(String locationId, BulkOperations.Item item) {
        long current = items.version(item.opportunityId());
        if (item.originalAfter() == null || current != item.originalAfter()) {
            return Optional.empty();
        }
        Optional<Standing> now = history.atVersion(locationId, item.opportunityId(), current);
        Optional<Standing> before = history.atVersion(locationId, item.opportunityId(), item.originalBefore());
        if (now.isEmpty() || before.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(UndoPlan.between(now.get(), before.get(), current));
    }
}
