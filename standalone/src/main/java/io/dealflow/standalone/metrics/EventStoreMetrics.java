package io.dealflow.standalone.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code dealflow_event_store_appended_events_total} and {@code dealflow_event_store_appends_total}: events this node
 * appended to the event store, and the transactions that appended them, counted once committed.
 */
@Component
class EventStoreMetrics implements SmartInitializingSingleton {

    private final EventStore eventStore;
    private final Counter events;
    private final Counter appends;

    EventStoreMetrics(MeterRegistry registry, EventStore eventStore) {
        this.eventStore = eventStore;
        this.events = Counter.builder("dealflow.event.store.appended.events")
                .description("Events appended to the event store by this node").register(registry);
        this.appends = Counter.builder("dealflow.event.store.appends")
                .description("Committed transactions that appended events on this node").register(registry);
    }

    @Override
    public void afterSingletonsInstantiated() {
        eventStore.subscribe(this::appended);
    }

    private void appended(List<? extends EventMessage<?>> batch) {
        int size = batch.size();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> count(size));
        } else {
            count(size);
        }
    }

    private void count(int size) {
        events.increment(size);
        appends.increment();
    }
}
