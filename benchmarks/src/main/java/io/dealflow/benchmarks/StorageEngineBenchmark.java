package io.dealflow.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.eventstore.EventStoreLayout;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManager;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SnapshotEventEntry;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.TypeContributions;
import org.hibernate.cfg.Configuration;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.jdbc.BinaryJdbcType;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which Axon storage engine appends faster on PostgreSQL: JDBC or JPA? Appends one event per transaction from N
 * threads (the shape of the command path) into a durable embedded PostgreSQL (fsync and synchronous commit on), and
 * compares both engines with raw JDBC inserts of the same rows measured in the same run.
 *
 * <pre>./mvnw -q -pl benchmarks -am package -DskipTests &&
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath)" io.dealflow.benchmarks.StorageEngineBenchmark [appends] [threads]</pre>
 */
public final class StorageEngineBenchmark {

    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = EventSerialization.eventMapper();

    private StorageEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int appends = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path dataDirectory = Files.createTempDirectory("engine-benchmark");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory).setCleanDataDirectory(true)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start()) {
            try (HikariDataSource raw = database(postgres, "raw", threads);
                 HikariDataSource jdbc = database(postgres, "jdbc", threads);
                 HikariDataSource jpa = database(postgres, "jpa", threads)) {
                createRawTable(raw);
                EventStoreLayout.migrate(jdbc);
                EventStorageEngine jdbcEngine = jdbcEngine(jdbc);
                SessionFactory sessions = hibernate(jpa, threads);
                ThreadBoundEntityManager entityManagers = new ThreadBoundEntityManager(sessions);
                EventStorageEngine jpaEngine = JpaEventStorageEngine.builder()
                        .entityManagerProvider(entityManagers)
                        .transactionManager(entityManagers)
                        .eventSerializer(EventSerialization.eventSerializer())
                        .snapshotSerializer(EventSerialization.stateSerializer())
                        .build();

                System.out.printf("appends per round: %d, threads: %d, rounds: %d (best round counts)%n",
                        appends, threads, ROUNDS);
                double rawRate = 0;
                double jdbcRate = 0;
                double jpaRate = 0;
                // Interleaved rounds, so drift of the shared machine hits every contender alike.
                for (int round = 1; round <= ROUNDS; round++) {
                    rawRate = Math.max(rawRate, run(appends, threads, (thread, seq) -> rawInsert(raw, thread, seq)));
                    jdbcRate = Math.max(jdbcRate, run(appends, threads,
                            (thread, seq) -> jdbcEngine.appendEvents(event(thread, seq))));
                    jpaRate = Math.max(jpaRate, run(appends, threads,
                            (thread, seq) -> jpaEngine.appendEvents(event(thread, seq))));
                    System.out.printf("round %d done%n", round);
                }
                System.out.printf("{\"scenario\":\"storage-engine\",\"threads\":%d,\"raw_commits_per_s\":%.0f,"
                                + "\"jdbc_engine_appends_per_s\":%.0f,\"jpa_engine_appends_per_s\":%.0f,"
                                + "\"jdbc_ratio_to_raw\":%.2f,\"jpa_ratio_to_raw\":%.2f}%n",
                        threads, rawRate, jdbcRate, jpaRate, jdbcRate / rawRate, jpaRate / rawRate);
                sessions.close();
            }
        }
    }

    /** One append of one event; the thread number picks the aggregate, seq its sequence number. */
    private interface Append {
        void run(int thread, long seq) throws Exception;
    }

    private static double run(int appends, int threads, Append append) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong remaining = new AtomicLong(appends);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers.add(pool.submit(() -> {
                    AGGREGATES.remove(); // a new aggregate per worker and round, so sequences start at 0
                    start.await();
                    long seq = 0;
                    while (remaining.decrementAndGet() >= 0) {
                        append.run(thread, seq++);
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
            return appends / ((System.nanoTime() - began) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static final ThreadLocal<String> AGGREGATES = ThreadLocal.withInitial(() -> UUID.randomUUID().toString());

    private static GenericDomainEventMessage<OpportunityCreated> event(int thread, long seq) {
        String id = AGGREGATES.get();
        OpportunityCreated payload = new OpportunityCreated(id, "bench", "Deal " + seq, "p-" + thread, "s-1",
                new BigDecimal("1250.50"), "USD", new Contact("c-1", "Ada", "ada@example.com", null, "Acme"),
                "web", "u-1", List.of(), List.of("hot"), Map.of());
        return new GenericDomainEventMessage<>("Opportunity", id, seq, payload);
    }

    private static void rawInsert(DataSource raw, int thread, long seq) throws Exception {
        byte[] payload = JSON.writeValueAsBytes(event(thread, seq).getPayload());
        try (Connection connection = raw.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                       time_stamp, payload_type, payload_revision, payload, meta_data)
                     VALUES (?, ?, ?, 'Opportunity', now()::text, ?, '1', ?, ?)""")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, AGGREGATES.get());
            insert.setLong(3, seq);
            insert.setString(4, OpportunityCreated.class.getName());
            insert.setBytes(5, payload);
            insert.setBytes(6, "{}".getBytes());
            insert.executeUpdate();
        }
    }

    private static void createRawTable(DataSource raw) throws Exception {
        try (Connection connection = raw.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE domain_event_entry (
                      global_index BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL,
                      sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,
                      payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL,
                      meta_data BYTEA, UNIQUE (aggregate_identifier, sequence_number))""");
        }
    }

    private static EventStorageEngine jdbcEngine(DataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(EventSerialization.eventSerializer())
                .snapshotSerializer(EventSerialization.stateSerializer())
                .schema(EventStoreLayout.eventSchema())
                .dataType(byte[].class)
                .build();
    }

    private static HikariDataSource database(EmbeddedPostgres postgres, String name, int threads) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", name));
        config.setUsername("postgres");
        config.setMaximumPoolSize(threads);
        return new HikariDataSource(config);
    }

    private static SessionFactory hibernate(HikariDataSource dataSource, int threads) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(DomainEventEntry.class)
                .addAnnotatedClass(SnapshotEventEntry.class);
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        configuration.setProperty("hibernate.dialect", ByteaPostgreSQLDialect.class.getName());
        // Schema generation is acceptable here: this is a throwaway benchmark database, not the product's.
        configuration.setProperty("hibernate.hbm2ddl.auto", "create");
        configuration.setProperty("hibernate.jdbc.batch_size", "50");
        return configuration.buildSessionFactory();
    }

    /** PostgreSQL dialect that stores Axon's {@code @Lob byte[]} columns as bytea instead of large objects. */
    public static class ByteaPostgreSQLDialect extends PostgreSQLDialect {

        @Override
        protected String columnType(int sqlTypeCode) {
            return sqlTypeCode == SqlTypes.BLOB ? "bytea" : super.columnType(sqlTypeCode);
        }

        @Override
        public void contributeTypes(TypeContributions contributions, ServiceRegistry registry) {
            super.contributeTypes(contributions, registry);
            contributions.getTypeConfiguration().getJdbcTypeRegistry().addDescriptor(Types.BLOB, BinaryJdbcType.INSTANCE);
        }
    }

    /** One entity manager per thread with resource-local transactions: what Spring would do, without Spring. */
    private static final class ThreadBoundEntityManager implements EntityManagerProvider, TransactionManager {

        private final ThreadLocal<EntityManager> current;

        ThreadBoundEntityManager(SessionFactory sessions) {
            this.current = ThreadLocal.withInitial(sessions::createEntityManager);
        }

        @Override
        public EntityManager getEntityManager() {
            return current.get();
        }

        @Override
        public Transaction startTransaction() {
            EntityManager entityManager = current.get();
            entityManager.getTransaction().begin();
            return new Transaction() {
                @Override
                public void commit() {
                    entityManager.flush();
                    entityManager.getTransaction().commit();
                    entityManager.clear();
                }

                @Override
                public void rollback() {
                    entityManager.getTransaction().rollback();
                    entityManager.clear();
                }
            };
        }
    }
}
