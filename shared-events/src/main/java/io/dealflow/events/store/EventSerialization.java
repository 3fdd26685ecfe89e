package io.dealflow.events.store;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The JSON serializers of the event store. Both sides must read exactly what the other writes, so they are built here
 * and nowhere else.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    /** Serializer of event payloads and metadata: records as JSON, decimals kept exact. */
    public static JacksonSerializer eventSerializer() {
        return JacksonSerializer.builder().objectMapper(eventMapper()).build();
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
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /** The object mapper behind event payloads, for code that reads event JSON directly (history, audit). */
    public static ObjectMapper eventMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
}
