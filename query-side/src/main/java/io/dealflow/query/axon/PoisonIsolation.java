package io.dealflow.query.axon;

import io.dealflow.query.BatchFold;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets a projection's dead-letter queue park exactly the event that cannot be applied, even when the failure only
 * shows when the batch writes its rows (a projection folds a batch and writes it once, just before commit, where no
 * single event is to blame), and without a half-applied event.
 * <p>
 * Normally events run as they always did, and any failure rolls the batch back ({@link RetryIsolated}). The group's
 * next batches then run <em>isolated</em>: each event in a savepoint, its folds written right after each handler
 * ({@link BatchFold#isolated}), so a failure belongs to its event. The savepoint is rolled back, undoing every handler
 * of that event; the exception reaches Axon's dead-lettering invoker, which parks the event (and the later events of
 * its deal) in the same transaction, and the batch commits with the rest. The first isolated batch that commits ends
 * the isolation. Transient failures are retried, never parked ({@link PoisonPolicy}).
 */
class PoisonIsolation implements HandlerEnhancerDefinition {

    private static final String WATCHED = PoisonIsolation.class.getName() + ".watched.";
    private static final String EVENT_SAVEPOINT = PoisonIsolation.class.getName() + ".savepoint.";

    private final DataSource dataSource;
    private final Set<String> isolated = ConcurrentHashMap.newKeySet();

    PoisonIsolation(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ProcessingGroup group = original.declaringClass().getAnnotation(ProcessingGroup.class);
        if (group == null || !ReadModels.ALL.contains(group.value())) {
            return original;
        }
        String name = group.value();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!CurrentUnitOfWork.isStarted()) {
                    return super.handle(message, target);
                }
                UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
                if (!watch(batch, name)) {
                    try {
                        return super.handle(message, target);
                    } catch (Exception e) {
                        throw new RetryIsolated(e);
                    }
                }
                return inEventSavepoint(batch, name, message, () -> super.handle(message, target));
            }
        };
    }

    /** Whether the group's batches run isolated now; arranges for a rollback to start and a commit to end that. */
    private boolean watch(UnitOfWork<?> batch, String group) {
        return batch.getOrComputeResource(WATCHED + group, key -> {
            boolean isolating = isolated.contains(group);
            batch.onRollback(u -> isolated.add(group));
            if (isolating) {
                batch.afterCommit(u -> isolated.remove(group));
            }
            return isolating;
        });
    }

    /**
     * Runs one handler of an event inside the event's savepoint, set when the event's first handler of this group runs;
     * a failure rolls back to it, undoing the event's other handlers as well.
     */
    private Object inEventSavepoint(UnitOfWork<?> batch, String group, Message<?> event, Handler handler)
            throws Exception {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            EventSavepoint current = batch.getResource(EVENT_SAVEPOINT + group);
            if (current == null || !current.eventId().equals(event.getIdentifier())) {
                if (current != null) {
                    connection.releaseSavepoint(current.savepoint());
                }
                current = new EventSavepoint(event.getIdentifier(), connection.setSavepoint());
                batch.resources().put(EVENT_SAVEPOINT + group, current);
            }
            try {
                return BatchFold.isolated(batch, handler::handle);
            } catch (Exception | Error e) {
                try {
                    connection.rollback(current.savepoint());
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private record EventSavepoint(String eventId, Savepoint savepoint) {
    }

    /** An event handler's invocation. */
    @FunctionalInterface
    interface Handler {
        Object handle() throws Exception;
    }

    /**
     * A failure outside isolation: the batch's folds may already hold part of the event, so it is not parked but
     * rolled back, and the batch retried isolated.
     */
    static final class RetryIsolated extends RuntimeException {
        RetryIsolated(Exception cause) {
            super("event failed in a batch; retrying the batch event by event", cause);
        }
    }
}
