package io.dealflow.query.replay;

import io.dealflow.query.axon.QuerySchema;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import io.dealflow.query.axon.StoredEvents.StoredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Rebuilds a projection from the event store while its live tables keep answering, then switches atomically.
 *
 * <ol>
 * <li>A shadow schema gets empty copies of the read-model tables (the same migrations).</li>
 * <li>Fresh instances of the projection's own handler classes, built on a {@link SchemaRedirect} connection, replay
 * the store into it in large batches, one transaction per batch, up to the position the live processor has
 * settled (every event at or below it processed by every segment). The shadow tables' secondary indexes are
 * dropped for that bulk load and built again after it.</li>
 * <li>Once it is close behind, one short transaction locks the live tables (queries and the live processor wait),
 * reads the live processor's committed tokens, replays exactly the remaining events those tokens cover, drops the
 * live tables and moves the shadow ones into {@code read_model}. The new tables then reflect exactly the events the
 * live tokens describe, so the live processor simply carries on from its tokens, on the new tables.</li>
 * </ol>
 * The tables a projection owns are the ones its {@code @ResetHandler} clears. One rebuild per projection at a time,
 * run by this instance; other instances keep serving and processing throughout (the switch locks in the database).
 */
@Component
@EnableConfigurationProperties(RebuildSettings.class)
public class ProjectionRebuilds implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuilds.class);
    private static final int SWITCH_ATTEMPTS = 5;

    private final ApplicationContext context;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final StoredEvents events;
    private final Serializer serializer;
    private final RebuildSettings settings;
    private final Map<String, RebuildStatus> runs = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService reader = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild-reader");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionRebuilds(ApplicationContext context, DataSource dataSource, JdbcTemplate jdbc, StoredEvents events,
                       Serializer serializer, RebuildSettings settings) {
        this.context = context;
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.serializer = serializer;
    }

    /** Starts rebuilding the projection unless it is rebuilding already; answers its current run. */
    public RebuildStatus start(String projection) {
        if (!ReadModels.ALL.contains(projection)) {
            throw new IllegalArgumentException("no projection " + projection);
        }
        return runs.compute(projection, (name, current) -> {
            if (current != null && current.running()) {
                return current;
            }
            RebuildStatus started = RebuildStatus.started(name);
            worker.submit(() -> run(started));
            return started;
        });
    }

    /** The last rebuild of the projection on this instance, or null when there was none. */
    public RebuildStatus status(String projection) {
        return runs.get(projection);
    }

    /** Rebuilds now, on the caller's thread; for benchmarks and tests. */
    public RebuildStatus rebuildNow(String projection) {
        RebuildStatus status = RebuildStatus.started(projection);
        runs.put(projection, status);
        run(status);
        return runs.get(projection);
    }

    private void run(RebuildStatus status) {
        String projection = status.projection();
        String shadow = QuerySchema.SCHEMA + "_next_" + projection.replaceAll("[^a-z0-9]", "_");
        Set<String> tables = new ConcurrentSkipListSet<>();
        SchemaRedirect redirect = new SchemaRedirect(dataSource, shadow, tables);
        JdbcTemplate shadowJdbc = new JdbcTemplate(redirect);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(redirect);
        try {
            ShadowSchema.create(shadowJdbc, shadow);
            List<AnnotationEventHandlerAdapter> handlers = handlers(projection, shadowJdbc);
            handlers.forEach(handler -> handler.prepareReset(null));
            Set<String> owned = new TreeSet<>(tables);
            if (owned.isEmpty()) {
                throw new IllegalStateException("projection " + projection + " names no tables to rebuild");
            }
            Replay replay = new Replay(handlers, new SpringTransactionManager(transactions), status);
            List<String> indexes = ShadowSchema.dropSecondaryIndexes(shadowJdbc, shadow, owned);
            long position = replay.upTo(0, LiveTokens.read(jdbc, serializer, projection).settled(), null);
            ShadowSchema.createIndexes(shadowJdbc, indexes);
            long settled = LiveTokens.read(jdbc, serializer, projection).settled();
            while (settled - position > settings.switchDistance()) {
                position = replay.upTo(position, settled, null);
                settled = LiveTokens.read(jdbc, serializer, projection).settled();
            }
            long from = position;
            for (int attempt = 1; ; attempt++) {
                try {
                    new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
                        shadowJdbc.execute(SchemaRedirect.LIVE + "LOCK TABLE " + qualified(QuerySchema.SCHEMA, owned)
                                + " IN ACCESS EXCLUSIVE MODE");
                        LiveTokens live = LiveTokens.read(shadowJdbc, serializer, projection);
                        replay.upTo(from, live.reach(), live);
                        shadowJdbc.execute(SchemaRedirect.LIVE + "DROP TABLE "
                                + qualified(QuerySchema.SCHEMA, owned));
                        for (String table : owned) {
                            shadowJdbc.execute(SchemaRedirect.LIVE + "ALTER TABLE " + shadow + "." + table
                                    + " SET SCHEMA " + QuerySchema.SCHEMA);
                        }
                        status.switched(live.position());
                    });
                    break;
                } catch (PessimisticLockingFailureException e) {
                    // A live batch holding one of these tables and waiting for another one the lock already took is
                    // a deadlock PostgreSQL may settle by failing the switch. Its transaction changed nothing.
                    if (attempt == SWITCH_ATTEMPTS) {
                        throw e;
                    }
                    LOG.info("switch of projection {} lost a lock conflict with its live processor; retrying",
                            projection);
                }
            }
            runs.put(projection, status.finished(null));
            LOG.info("rebuilt projection {}: {} events in {} ms", projection, status.events(),
                    status.elapsedMillis());
        } catch (RuntimeException e) {
            LOG.error("rebuild of projection {} failed", projection, e);
            runs.put(projection, status.finished(e.toString()));
        } finally {
            try {
                ShadowSchema.drop(shadowJdbc, shadow);
            } catch (RuntimeException e) {
                LOG.warn("could not drop shadow schema {}", shadow, e);
            }
        }
    }

    /** Fresh instances of every handler class of the processing group, writing through {@code shadowJdbc}. */
    private List<AnnotationEventHandlerAdapter> handlers(String projection, JdbcTemplate shadowJdbc) {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory(context.getAutowireCapableBeanFactory());
        // Named like the application's JdbcTemplate, so it hides that one from the new instances.
        factory.registerSingleton("jdbcTemplate", shadowJdbc);
        List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        for (Object bean : context.getBeansWithAnnotation(ProcessingGroup.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (group != null && group.value().equals(projection)) {
                handlers.add(new AnnotationEventHandlerAdapter(factory.createBean(type)));
            }
        }
        if (handlers.isEmpty()) {
            throw new IllegalStateException("no event handlers in processing group " + projection);
        }
        return handlers;
    }

    private static String qualified(String schema, Set<String> tables) {
        return tables.stream().map(table -> schema + "." + table).collect(Collectors.joining(", "));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        reader.shutdownNow();
    }

    /** A batch of events to replay, and how many were read to find them. */
    private record Batch(List<TrackedEventMessage<?>> messages, int read, long last) {
    }

    /** Feeds stored events to the shadow handlers, a batch per transaction. */
    private final class Replay {

        private final List<AnnotationEventHandlerAdapter> handlers;
        private final SpringTransactionManager transactions;
        private final RebuildStatus status;

        Replay(List<AnnotationEventHandlerAdapter> handlers, SpringTransactionManager transactions,
               RebuildStatus status) {
            this.handlers = handlers;
            this.transactions = transactions;
            this.status = status;
        }

        /**
         * Replays the events in {@code (after, upTo]} (only those {@code covered} covers, when given) and answers the
         * last global index read.
         */
        long upTo(long after, long upTo, LiveTokens covered) {
            long position = after;
            CompletableFuture<Batch> next = CompletableFuture.supplyAsync(() -> read(after, upTo, covered), reader);
            while (position < upTo) {
                Batch batch = next.join();
                if (batch.read() == 0) {
                    return upTo;
                }
                position = batch.last();
                long from = position;
                // Reading and deserializing the next batch overlaps with writing this one.
                next = CompletableFuture.supplyAsync(() -> read(from, upTo, covered), reader);
                apply(batch.messages());
                status.progressed(position, batch.read());
            }
            next.cancel(false);
            return position;
        }

        /** The next batch after {@code after}: read, upcast, deserialized, and only what the handlers take. */
        private Batch read(long after, long upTo, LiveTokens covered) {
            if (after >= upTo) {
                return new Batch(List.of(), 0, after);
            }
            List<StoredEvent> stored = events.range(after, upTo, settings.batchSize());
            if (stored.isEmpty()) {
                return new Batch(List.of(), 0, after);
            }
            List<TrackedEventMessage<?>> messages = events.messages(stored).stream()
                    .filter(message -> covered == null || covered.covers(
                            message.trackingToken().position().orElseThrow(), aggregateId(message)))
                    .filter(message -> handlers.stream().anyMatch(handler -> handler.canHandle(message)))
                    .toList();
            // Payload, metadata and timestamp are all decoded lazily; here, on the reader, not on the writing thread.
            messages.forEach(message -> {
                message.getPayload();
                message.getMetaData();
                message.getTimestamp();
            });
            return new Batch(messages, stored.size(), stored.get(stored.size() - 1).globalIndex());
        }

        private void apply(List<TrackedEventMessage<?>> batch) {
            if (batch.isEmpty()) {
                return;
            }
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.attachTransaction(transactions);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
                EventMessage<?> message = unitOfWork.getMessage();
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(message)) {
                        handler.handle(message);
                    }
                }
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw new IllegalStateException("replay batch failed", result.exceptionResult());
            }
        }

        private static String aggregateId(EventMessage<?> message) {
            return message instanceof DomainEventMessage<?> domainEvent ? domainEvent.getAggregateIdentifier()
                    : message.getIdentifier();
        }
    }
}
