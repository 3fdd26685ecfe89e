package io.dealflow.query.audit;

import io.dealflow.events.EventMetadata;
import io.dealflow.query.UnnestColumns;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Indexes every stored event by location, aggregate, type, time and actor in {@code read_model.audit_event}, since
 * the event table itself has no location column. The rows of a batch are written with one statement when it commits.
 */
@Component
@ProcessingGroup(ReadModels.HISTORY)
class AuditIndexProjection {

    private static final String ROWS_RESOURCE = AuditIndexProjection.class.getName();
    private static final Map<Class<?>, Optional<Method>> LOCATION_ACCESSORS = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;

    AuditIndexProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object event, EventMessage<?> message, TrackingToken token) {
        String location = locationOf(event);
        if (location == null) {
            return;
        }
        String aggregateId = message.getIdentifier();
        long sequence = 0;
        if (message instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        Object actor = message.getMetaData().get(EventMetadata.ACTOR);
        rows().add(new String[]{Long.toString(StoredEvents.globalIndex(token)), location, aggregateId,
                Long.toString(sequence), event.getClass().getSimpleName(),
                EventTime.of(message.getTimestamp()).toString(), actor == null ? null : actor.toString()});
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.audit_event");
    }

    /** The rows of the running batch, inserted just before it commits. */
    private List<String[]> rows() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(ROWS_RESOURCE, key -> {
            List<String[]> rows = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                insert(rows);
                rows.clear();
            });
            return rows;
        });
    }

    /** Inserts the rows with one statement: each column travels as one text array that {@code unnest} opens. */
    private void insert(List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO read_model.audit_event (global_index, location_id, aggregate_id, sequence, type,
                    occurred_at, actor)
                SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::timestamptz[],
                    ?::text[])
                ON CONFLICT (global_index) DO NOTHING""", UnnestColumns.of(rows, 7));
    }

    /** The {@code locationId} every event of this system carries, or null for a foreign payload. */
    private static String locationOf(Object event) {
        Optional<Method> accessor = LOCATION_ACCESSORS.computeIfAbsent(event.getClass(), type -> {
            if (!type.isRecord()) {
                return Optional.empty();
            }
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("locationId") && component.getType() == String.class) {
                    return Optional.of(component.getAccessor());
                }
            }
            return Optional.empty();
        });
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (String) accessor.get().invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read locationId of " + event.getClass().getName(), e);
        }
    }
}
