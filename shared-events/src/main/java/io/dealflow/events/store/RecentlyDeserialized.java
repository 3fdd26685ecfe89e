package io.dealflow.events.store;

import org.axonframework.serialization.SerializedObject;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The events deserialized last, by their stored bytes. Every processor reads each event through a stream of its own
 * (see {@link EventStoreAutoConfiguration}), so without this the seven processors parse the same JSON seven times;
 * the commands benchmark measured 0.6-1.1 ms of CPU per command less with it (README, issue 17). Sharing the object is
 * safe because events are immutable: records whose collections are read-only.
 *
 * <p>Bounded by two generations: lookups see the current and the previous one, and when the current holds
 * {@code capacity} entries it becomes the previous one. Processors read near the head of the store within a few
 * hundred events of each other, which is what this keeps; a replay far behind simply parses again.
 */
final class RecentlyDeserialized {

    private final int capacity;
    private volatile Map<Key, Object> current = new ConcurrentHashMap<>();
    private volatile Map<Key, Object> previous = Map.of();

    RecentlyDeserialized(int capacity) {
        this.capacity = capacity;
    }

    /** The object deserialized earlier from the same type, revision and bytes, else the one {@code parse} gives. */
    Object get(SerializedObject<byte[]> serialized, Supplier<Object> parse) {
        Key key = Key.of(serialized);
        Object known = current.get(key);
        if (known == null) {
            known = previous.get(key);
        }
        if (known == null) {
            known = parse.get();
            if (known != null) {
                remember(key, known);
            }
        }
        return known;
    }

    private void remember(Key key, Object value) {
        Map<Key, Object> generation = current;
        if (generation.size() >= capacity) {
            synchronized (this) {
                if (current == generation) {
                    previous = generation;
                    current = new ConcurrentHashMap<>();
                }
            }
        }
        current.put(key, value);
    }

    /** Type name, revision and bytes; the hash is computed once, as every lookup needs it. */
    private record Key(String type, String revision, byte[] data, int hash) {

        static Key of(SerializedObject<byte[]> serialized) {
            byte[] data = serialized.getData();
            String type = serialized.getType().getName();
            String revision = serialized.getType().getRevision();
            return new Key(type, revision, data, 31 * Objects.hash(type, revision) + Arrays.hashCode(data));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.hash == hash && key.type.equals(type)
                    && Objects.equals(key.revision, revision) && Arrays.equals(key.data, data);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
