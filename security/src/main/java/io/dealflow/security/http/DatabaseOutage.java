package io.dealflow.security.http;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells whether a failure means "the database cannot be reached" (no connection within the pool's timeout, a
 * connection broken mid-statement, a server shutting down or starting up), wherever it sits in the cause chain:
 * Spring's data-access exceptions, Axon's wrappers around JDBC, the driver's own {@link SQLException}s.
 */
public final class DatabaseOutage {

    /** SQL state class 08: connection exceptions (refused, broken, failed to establish). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (starting up or in recovery). */
    private static final String OPERATOR_INTERVENTION_SHUTDOWN = "57P0";

    private DatabaseOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database is unreachable. */
    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (meansUnreachable(cause)) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.put(next, true) == null;
                     next = next.getNextException()) {
                    if (meansUnreachable(next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean meansUnreachable(Throwable failure) {
        if (failure instanceof DataAccessResourceFailureException      // CannotGetJdbcConnectionException, ...
                || failure instanceof TransientDataAccessResourceException
                || failure instanceof CannotCreateTransactionException  // the transaction manager found no connection
                || failure instanceof SQLTransientConnectionException   // Hikari: no connection within its timeout
                || failure instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            return state.startsWith(CONNECTION_EXCEPTION_CLASS) || state.startsWith(OPERATOR_INTERVENTION_SHUTDOWN);
        }
        return false;
    }
}
