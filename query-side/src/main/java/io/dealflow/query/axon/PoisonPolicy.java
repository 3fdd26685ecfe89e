package io.dealflow.query.axon;

import io.dealflow.security.http.DatabaseOutage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which failures park an event in the dead-letter queue: those that will fail again the same way (a payload that
 * cannot be read, a value a column cannot hold, a bug). A failure of the moment — the database unreachable, a
 * deadlock, a serialization conflict, a lock or statement timeout — is thrown on instead, so the whole batch rolls
 * back with its token and is retried; parking it would put a healthy deal aside. So is a failure outside isolation,
 * where the event may be half applied ({@link PoisonIsolation}).
 */
class PoisonPolicy implements EnqueuePolicy<EventMessage<?>> {

    /**
     * SQLSTATE classes of PostgreSQL errors that say nothing about the event, beside an unreachable database
     * ({@link DatabaseOutage}): resources, operator intervention, system errors.
     */
    private static final Set<String> TRANSIENT_CLASSES = Set.of("53", "57", "58");
    /** SQLSTATEs of conflicts that a retry resolves: serialization failure, deadlock, lock not available. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03");

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (cause instanceof PoisonIsolation.RetryIsolated || isTransient(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(cause);
    }

    static boolean isTransient(Throwable failure) {
        if (DatabaseOutage.isCause(failure)) {
            return true;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (TRANSIENT_STATES.contains(state)
                        || (state.length() >= 2 && TRANSIENT_CLASSES.contains(state.substring(0, 2)))) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
