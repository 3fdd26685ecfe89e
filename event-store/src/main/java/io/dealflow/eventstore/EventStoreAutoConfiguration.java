package io.dealflow.eventstore;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * Axon's event store on PostgreSQL through the JDBC storage engine, for whichever side (or both) runs in this JVM.
 * One module for every side that appends or reads, because they must agree on tables and serialization byte for
 * byte.
 *
 * <p>JDBC rather than JPA: the JDBC engine appends with plain batched inserts into tables we define in Flyway, so no
 * Hibernate id generator (allocation size 50) or {@code oid} mapping can creep in, and it measured faster here.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    /** Snapshots and tokens: aggregates and tokens have private fields, read by field. */
    @Bean
    @Primary
    public Serializer serializer() {
        return EventSerialization.stateSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return EventSerialization.eventSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventSerialization.eventSerializer();
    }

    /**
     * Axon's embedded event store, each processor reading through a stream of its own. By default a thread of the store
     * reads new events ahead into a linked cache shared by the processors at the head; a processor holds its last node,
     * and each node links to every newer one. When 1.2 million events arrived at once, that chain grew to 200,000
     * events and filled the 384 MB heap (the HTTP acceptor thread died of it), with a smaller cache and a 250 ms
     * clean-up as well. Private streams keep at most one page per processor in memory; an idle processor woken by
     * {@link PromptEventSource} asks the table for newer rows, an index lookup. Appends of this JVM wake them once
     * committed.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         PromptEventSource promptEventSource) {
        EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
        promptEventSource.wakeAfterAppendsTo(eventStore);
        return eventStore;
    }

    /** The event store as pooled processors read it: woken by local commits and a tick, instead of every 500 ms. */
    @Bean(destroyMethod = "close")
    public PromptEventSource promptEventSource(ObjectProvider<EventStore> eventStore) {
        return new PromptEventSource(eventStore::getObject);
    }

    /** Connections joined to the running unit of work's Spring transaction, so appends commit with it. */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        // A duplicate (aggregate, sequence) is a concurrent append: Axon turns it into a ConcurrencyException.
        return new UniqueViolationResolver();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(DataSource dataSource, ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer) {
        EventStoreLayout.migrate(dataSource);
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(EventSerialization.upcasters())
                .schema(EventStoreLayout.eventSchema())
                .dataType(byte[].class)
                // Replays read in large pages; the tracking stream fetches this many rows per query.
                .batchSize(1000)
                .build();
    }
}
