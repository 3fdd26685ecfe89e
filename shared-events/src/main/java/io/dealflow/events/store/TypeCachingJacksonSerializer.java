package io.dealflow.events.store;

import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Axon's Jackson serializer, remembering the class of each serialized type name it resolved. Axon looks the class up
 * by name for every message it deserializes ({@code Class.forName} through Jackson's type factory); a replay profile
 * showed a quarter of the event reader's thread there. Names that resolve to no class are not remembered, so a class
 * that appears later (a new event type after an upgrade) is still found.
 *
 * <p>The event serializer also hands out the same object for the same stored bytes ({@link RecentlyDeserialized}); the
 * serializer of snapshots and tokens never does, as a snapshot becomes a live, mutable aggregate.
 */
final class TypeCachingJacksonSerializer extends JacksonSerializer {

    /** Events read by the processors at the head, a few hundred behind each other at most, fit easily. */
    private static final int RECENT_EVENTS = 4096;

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final RecentlyDeserialized recent;

    private TypeCachingJacksonSerializer(Builder builder, RecentlyDeserialized recent) {
        super(builder);
        this.recent = recent;
    }

    /** For events: immutable, so one object serves every reader of the same stored bytes. */
    static TypeCachingJacksonSerializer sharingEvents(Builder builder) {
        return new TypeCachingJacksonSerializer(builder, new RecentlyDeserialized(RECENT_EVENTS));
    }

    /** For snapshots and tokens: each read gets a fresh object. */
    static TypeCachingJacksonSerializer parsingEach(Builder builder) {
        return new TypeCachingJacksonSerializer(builder, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (recent == null || !byte[].class.equals(serializedObject.getContentType())) {
            return super.deserialize(serializedObject);
        }
        return (T) recent.get((SerializedObject<byte[]>) serializedObject, () -> super.deserialize(serializedObject));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        Class<?> known = classes.get(type.getName());
        if (known != null) {
            return known;
        }
        Class<?> resolved = super.classForType(type);
        if (resolved != UnknownSerializedType.class && resolved != Void.class) {
            classes.put(type.getName(), resolved);
        }
        return resolved;
    }
}
