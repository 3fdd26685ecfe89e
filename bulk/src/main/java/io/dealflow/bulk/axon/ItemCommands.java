package io.dealflow.bulk.axon;

import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.function.Function;

/**
 * Sends the ordinary commands of one item (a deal of a bulk operation, a row of an import) through the command
 * gateway inside one database transaction that also records the item's outcome. Axon's unit of work joins the
 * surrounding Spring transaction (its transaction manager propagates REQUIRED, and the event store takes its
 * connection from Spring), so the events and the outcome commit together: after a crash an item has both or neither,
 * and a restarted worker never applies an item twice.
 */
@Component
public class ItemCommands {

    private static final int ATTEMPTS = 5;

    private final CommandGateway gateway;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    ItemCommands(CommandGateway gateway, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.gateway = gateway;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Sends {@code commands} to the deal {@code aggregateId} in order, then runs {@code record} with the deal's versions
     * before and after, in the same transaction. {@code record} must return true when it wrote the outcome; false
     * (someone else already did) rolls everything back and answers an outcome that is {@code alreadyDone}. A refused command
     * rolls back the item's earlier commands too and answers the refusal, as the HTTP API would have (status, title).
     * Any other error is thrown, with everything rolled back: the database being away ({@link #databaseAway}), which
     * the worker waits out, or an unexpected error, which the backlogs count against the item.
     *
     * @param rollback true for a dry run: everything is checked by the real aggregates, then rolled back
     */
    public Outcome send(String aggregateId, List<Object> commands, MetaData metadata,
                        Function<Versions, Boolean> record, boolean rollback) {
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = transaction.execute(status -> {
                    long before = version(aggregateId);
                    for (Object command : commands) {
                        gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
                    }
                    Versions versions = new Versions(before, version(aggregateId));
                    if (!record.apply(versions)) {
                        status.setRollbackOnly();
                        return Outcome.skipped();
                    }
                    if (rollback) {
                        status.setRollbackOnly();
                    }
                    return Outcome.applied(versions);
                });
                return outcome;
            } catch (ConcurrencyException | DuplicateKeyException e) {
                // Another writer appended to the same deal meanwhile (or raced a unique rule): decide on fresh state.
                if (attempt == ATTEMPTS) {
                    return Outcome.refused(409, "the opportunity was changed concurrently; retry");
                }
            } catch (CommandRefused refused) {
                return Outcome.refused(status(refused), refused.getMessage(), refused.field());
            } catch (AggregateNotFoundException e) {
                return Outcome.refused(404, "opportunity " + aggregateId + " does not exist");
            }
        }
    }

    /**
     * Whether an error means the database cannot be reached (or dropped the connection) rather than trouble of the
     * item: the job waits for it instead of counting it against the item.
     */
    public static boolean databaseAway(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                    || e instanceof DataAccessResourceFailureException || e instanceof SQLTransientException
                    || e instanceof SQLRecoverableException) {
                return true;
            }
            // Connection exceptions (08...) and an operator or shutdown ending the session (57P...).
            if (e instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The deal's event-stream version: its last sequence number + 1, 0 before its first event. */
    public long version(String aggregateId) {
        Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM " + EventStoreLayout.EVENT_TABLE
                + " WHERE aggregate_identifier = ?", Long.class, aggregateId);
        return last == null ? 0 : last + 1;
    }

    /** Runs {@code work} in a transaction of its own (recording a refusal, which rolled back the item's own). */
    public void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    private static int status(CommandRefused refused) {
        return refused instanceof NotFound ? 404
                : refused instanceof StateConflict ? 409
                : refused instanceof StaleVersion ? 412
                : 422;
    }

    /** A deal's versions around an item: equal when the item changed nothing. */
    public record Versions(long before, long after) {

        public boolean changed() {
            return after != before;
        }
    }

    /**
     * What became of an item.
     *
     * @param versions    set when the commands went through
     * @param status      the HTTP status the refusal would have had, when refused
     * @param title       why it was refused
     * @param field       the command field the refusal names, if any
     * @param alreadyDone another worker recorded the item first; nothing was applied here
     */
    public record Outcome(Versions versions, int status, String title, String field, boolean alreadyDone) {

        static Outcome applied(Versions versions) {
            return new Outcome(versions, 0, null, null, false);
        }

        static Outcome refused(int status, String title) {
            return refused(status, title, null);
        }

        static Outcome refused(int status, String title, String field) {
            return new Outcome(null, status, title, field, false);
        }

        static Outcome skipped() {
            return new Outcome(null, 0, null, null, true);
        }

        public boolean refused() {
            return versions == null && !alreadyDone;
        }
    }
}
