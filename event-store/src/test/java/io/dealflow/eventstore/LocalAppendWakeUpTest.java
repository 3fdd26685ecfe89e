package io.dealflow.eventstore;

import io.dealflow.testsupport.TestDatabase;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The event store as {@link EventStoreAutoConfiguration} builds it, on PostgreSQL, appending in a transaction. */
class LocalAppendWakeUpTest {

    private final DataSource dataSource =
            new DriverManagerDataSource(TestDatabase.freshDatabaseUrl(), "postgres", "");
    private final TransactionManager transactions =
            new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
    private final AtomicReference<EmbeddedEventStore> store = new AtomicReference<>();
    private final PromptEventSource source = new PromptEventSource(store::get, new NoTicks(), System::nanoTime);

    @AfterEach
    void close() {
        source.close();
        store.get().shutDown();
    }

    @Test
    void wakesWaitingProcessorsWhenTheAppendIsVisibleToOtherConnections() {
        EventStoreAutoConfiguration configuration = new EventStoreAutoConfiguration();
        ConnectionProvider connections = configuration.connectionProvider(dataSource);
        EventStorageEngine engine = configuration.eventStorageEngine(dataSource, connections, transactions,
                configuration.persistenceExceptionResolver(), configuration.serializer(),
                configuration.eventSerializer());
        Configuration axon = DefaultConfigurer.defaultConfiguration().buildConfiguration();
        store.set(configuration.eventStore(engine, axon, source));
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken());
        AtomicLong committedWhenWoken = new AtomicLong(-1);
        stream.setOnAvailableCallback(() -> committedWhenWoken.set(committedEvents()));

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        store.get().publish(new GenericDomainEventMessage<>("Test", "aggregate-1", 0, "appended here"));
        unitOfWork.commit();
        stream.close();

        assertThat(committedWhenWoken).hasValue(1);
    }

    /** Counts events through a connection of its own, which sees committed rows only. */
    private long committedEvents() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + EventStoreLayout.EVENT_TABLE)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Never runs a tick, so only the append can wake the stream. */
    private static final class NoTicks implements PromptEventSource.Ticker {

        @Override
        public void schedule(Runnable tick, Duration delay) {
        }

        @Override
        public void stop() {
        }
    }
}
