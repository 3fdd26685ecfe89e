package io.dealflow.query;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Feeds tracked events to real projections in processor batches: each batch in one {@link BatchingUnitOfWork} bound
 * to one database transaction, as a pooled streaming processor or a rebuild hands them over, so handlers that
 * collect a batch's changes and write them when it commits are exercised as in production. Events carry a global
 * index (1, 2, ... in the order made), their aggregate's next sequence number and a time.
 */
public final class BatchHarness {

    private final List<TrackedEventMessage<?>> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    /** Makes the next tracked event of the store, by {@code actor}, happening at {@code timestamp}. */
    public TrackedEventMessage<?> event(Object payload, Instant timestamp, String actor) {
        String aggregateId = EventLog.aggregateId(payload);
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        var message = new GenericDomainEventMessage<>(EventLog.aggregateType(payload), aggregateId, sequence,
                payload, MetaData.with("actor", actor), UUID.randomUUID().toString(), timestamp);
        TrackedEventMessage<?> tracked = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(events.size() + 1), message);
        events.add(tracked);
        return tracked;
    }

    /** Every event made so far, in global order. */
    public List<TrackedEventMessage<?>> events() {
        return List.copyOf(events);
    }

    /** Hands the batch to the projections, which must have been built on {@code jdbc}, in one transaction. */
    public static void handle(JdbcTemplate jdbc, List<TrackedEventMessage<?>> batch, Object... projections) {
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (Object projection : projections) {
            adapters.add(new AnnotationEventHandlerAdapter(projection));
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(
                new SpringTransactionManager(new DataSourceTransactionManager(jdbc.getDataSource())));
        var result = unitOfWork.executeWithResult(() -> {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                if (adapter.canHandle(unitOfWork.getMessage())) {
                    adapter.handle(unitOfWork.getMessage());
                }
            }
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        if (result.isExceptional()) {
            throw new AssertionError("batch failed", result.exceptionResult());
        }
    }
}
