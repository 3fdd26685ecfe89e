package io.dealflow.query;

import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends events to the real event store the way the command side does: domain events with the next sequence number
 * of their aggregate, several in one transaction. Answers the consistency token a command would answer.
 */
public class EventLog {

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Map<String, Long> nextSequence = new ConcurrentHashMap<>();

    public EventLog(EventStore eventStore, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Appends the events in one transaction, stamped now; answers the store's head position afterwards. */
    public String append(Object... events) {
        return appendAt(null, events);
    }

    /** Appends the events in one transaction with the given timestamp (null: now). */
    public String appendAt(Instant timestamp, Object... events) {
        return publish(timestamp, MetaData.emptyInstance(), events);
    }

    /** Appends the events in one transaction, stamped now, with this metadata on each. */
    public String appendWith(Map<String, ?> metaData, Object... events) {
        return publish(null, MetaData.from(metaData), events);
    }

    private synchronized String publish(Instant timestamp, MetaData metaData, Object... events) {
        List<GenericDomainEventMessage<?>> messages = new ArrayList<>();
        Map<String, Long> reserved = new ConcurrentHashMap<>();
        for (Object event : events) {
            String aggregateId = aggregateId(event);
            long sequence = reserved.containsKey(aggregateId) ? reserved.get(aggregateId) : next(aggregateId);
            reserved.put(aggregateId, sequence + 1);
            messages.add(new GenericDomainEventMessage<>(aggregateType(event), aggregateId, sequence, event,
                    metaData, UUID.randomUUID().toString(), timestamp == null ? Instant.now() : timestamp));
        }
        transaction.executeWithoutResult(status -> eventStore.publish(messages));
        nextSequence.putAll(reserved);
        return head();
    }

    /** The sequence number the aggregate's next event gets; its version is this number. */
    public long version(String aggregateId) {
        return next(aggregateId);
    }

    /** The store's head position: what a command answers as consistency token. */
    public String head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreLayout.EVENT_TABLE, Long.class);
        return Long.toString(head == null ? 0 : head);
    }

    private long next(String aggregateId) {
        return nextSequence.computeIfAbsent(aggregateId, id -> {
            Long last = jdbc.queryForObject("SELECT max(sequence_number) FROM " + EventStoreLayout.EVENT_TABLE
                    + " WHERE aggregate_identifier = ?", Long.class, id);
            return last == null ? 0 : last + 1;
        });
    }

    static String aggregateType(Object event) {
        String feature = event.getClass().getPackageName();
        if (feature.endsWith(".opportunity")) {
            return "Opportunity";
        }
        if (feature.endsWith(".pipeline")) {
            return "Pipeline";
        }
        if (feature.endsWith(".customfield")) {
            return "CustomField";
        }
        return "LostReason";
    }

    static String aggregateId(Object event) {
        String component = switch (aggregateType(event)) {
            case "Opportunity" -> "opportunityId";
            case "Pipeline" -> "pipelineId";
            case "CustomField" -> "customFieldId";
            default -> "lostReasonId";
        };
        try {
            for (RecordComponent candidate : event.getClass().getRecordComponents()) {
                if (candidate.getName().equals(component)) {
                    return (String) candidate.getAccessor().invoke(event);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(e);
        }
        throw new IllegalArgumentException("no " + component + " on " + event);
    }
}
