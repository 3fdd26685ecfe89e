package io.dealflow.webhooks;

import io.dealflow.events.Contact;
import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends opportunity events to the real event store, as the command side would, keeping each opportunity's
 * sequence numbers.
 */
public class OpportunityEvents {

    private final EventStore eventStore;
    private final TransactionTemplate transaction;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();

    public OpportunityEvents(EventStore eventStore, TransactionTemplate transaction) {
        this.eventStore = eventStore;
        this.transaction = transaction;
    }

    /** Appends the events of one opportunity, in one transaction. */
    public void append(String opportunityId, Object... events) {
        append(MetaData.emptyInstance(), opportunityId, events);
    }

    /** Appends the events of one opportunity, in one transaction, as caused by that API key ({@code actor}). */
    public void appendAs(String actor, String opportunityId, Object... events) {
        append(MetaData.with(EventMetadata.ACTOR, actor), opportunityId, events);
    }

    private void append(MetaData metaData, String opportunityId, Object... events) {
        transaction.executeWithoutResult(status -> {
            for (Object event : events) {
                long sequence = sequences.computeIfAbsent(opportunityId, id -> new AtomicLong()).getAndIncrement();
                eventStore.publish(new GenericDomainEventMessage<>("Opportunity", opportunityId, sequence, event,
                        metaData));
            }
        });
    }

    /** Appends several opportunities' events, one transaction per opportunity, in the map's order. */
    public void appendAll(Map<String, List<Object>> eventsByOpportunity) {
        for (Entry<String, List<Object>> entry : eventsByOpportunity.entrySet()) {
            append(entry.getKey(), entry.getValue().toArray());
        }
    }

    /** A new open opportunity in stage {@code stageId} of pipeline {@code pipelineId}. */
    public static OpportunityCreated created(String opportunityId, String locationId, String pipelineId,
                                             String stageId) {
        return new OpportunityCreated(opportunityId, locationId, "Deal " + opportunityId, pipelineId, stageId,
                new BigDecimal("1000.00"), "USD", new Contact("c-1", "Ada Lovelace", "ada@example.com", null, "ACME"),
                "web", "u-1", List.of("u-2"), List.of("hot"), Map.of("size", "large"));
    }

    public static OpportunityStageMoved moved(String opportunityId, String locationId, String pipelineId,
                                              String from, String to) {
        return new OpportunityStageMoved(opportunityId, locationId, pipelineId, from, pipelineId, to);
    }
}
