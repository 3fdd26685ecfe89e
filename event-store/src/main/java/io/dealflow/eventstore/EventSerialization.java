package io.dealflow.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dealflow.events.opportunity.OpportunityLost1To2Upcaster;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * The JSON serializers of the event store. Both sides must read exactly what the other writes, so they are built here
 * and nowhere else.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    /** Serializer of event payloads and metadata: records as JSON, decimals kept exact. */
    public static JacksonSerializer eventSerializer() {
        return new TypeCachingJacksonSerializer(JacksonSerializer.builder().objectMapper(eventMapper()));
    }

    /**
     * Serializer of snapshots and tracking tokens. Aggregates keep private state without getters, so it reads and
     * writes fields.
     */
    public static JacksonSerializer stateSerializer() {
        ObjectMapper mapper = eventMapper()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        return new TypeCachingJacksonSerializer(JacksonSerializer.builder().objectMapper(mapper));
    }

    /**
     * The object mapper behind event payloads. Also used wherever event values become JSON outside the event store
     * (read-model JSON columns, the history's event data, webhook payloads), so they read as the stored payloads do.
     */
    public static ObjectMapper eventMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /**
     * Every upcaster of the event store, oldest hop first, after the repair of text PostgreSQL cannot hold. The storage
     * engine reads through them, and so does any code that reads event rows itself (history, audit, replay), so old
     * revisions and old faults look the same on every path.
     */
    public static EventUpcasterChain upcasters() {
        return new EventUpcasterChain(new StorableTextUpcaster(), new OpportunityLost1To2Upcaster());
    }
}
