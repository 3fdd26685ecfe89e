package io.dealflow.query;

import io.dealflow.testsupport.TestDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds events to a real projection on a fresh embedded PostgreSQL database, the way a processor does: through Axon's
 * annotated handler adapter (so {@code @SequenceNumber} and {@code @Timestamp} resolve as in production), inside a
 * unit of work bound to a database transaction.
 */
public class ProjectionHarness {

    /** The read-model tables, migrated on a database of their own. */
    public final JdbcTemplate jdbc;
    private final SpringTransactionManager transactionManager;
    private final List<AnnotationEventHandlerAdapter> handlers;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private Instant clock = Instant.parse("2026-01-05T09:00:00Z");

    private ProjectionHarness(JdbcTemplate jdbc, SpringTransactionManager transactionManager, Object... projections) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.handlers = Arrays.stream(projections).map(AnnotationEventHandlerAdapter::new).toList();
    }

    /** A fresh database with the read model, and the JDBC access a projection is built on. */
    public static JdbcTemplate freshReadModel() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(),
                TestDatabase.freshDatabaseUrl(), "postgres", "");
        Flyway.configure().dataSource(dataSource).schemas("read_model").table("flyway_history")
                .locations("classpath:db/query").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /**
     * Drives the projection, which must have been built on {@code jdbc}; several handler classes of one processing
     * group handle each event in the order given, as their processor does.
     */
    public static ProjectionHarness of(JdbcTemplate jdbc, Object... projections) {
        var transactions = new SpringTransactionManager(new DataSourceTransactionManager(jdbc.getDataSource()));
        return new ProjectionHarness(jdbc, transactions, projections);
    }

    /** Handles events in one batch, each with its aggregate's next sequence number, one second apart. */
    public ProjectionHarness when(Object... events) {
        for (Object event : events) {
            String aggregateId = EventLog.aggregateId(event);
            long sequence = nextSequence.getOrDefault(aggregateId, 0L);
            nextSequence.put(aggregateId, sequence + 1);
            clock = clock.plusSeconds(1);
            handle(event, sequence, clock);
        }
        return this;
    }

    /** Handles an event again with the sequence number and time it had, as a redelivery after a crash would. */
    public ProjectionHarness redeliver(Object event, long sequence, Instant timestamp) {
        handle(event, sequence, timestamp);
        return this;
    }

    /** The time stamped on the last event handled. */
    public Instant lastTimestamp() {
        return clock;
    }

    private void handle(Object event, long sequence, Instant timestamp) {
        var message = new GenericDomainEventMessage<>(EventLog.aggregateType(event), EventLog.aggregateId(event),
                sequence, event, MetaData.emptyInstance(), UUID.randomUUID().toString(), timestamp);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        unitOfWork.attachTransaction(transactionManager);
        var result = unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter handler : handlers) {
                if (handler.canHandle(message)) {
                    handler.handle(message);
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new AssertionError("handler failed on " + event, result.exceptionResult());
        }
    }
}
