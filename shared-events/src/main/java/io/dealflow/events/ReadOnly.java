package io.dealflow.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only copies of an event's collections. One deserialized event is shared by every reader of the store (the
 * processors and the command side), so no reader may change what another one sees. Unlike {@code List.copyOf}, these
 * keep nulls: stored events hold them (a JSON {@code null} in a custom field, an absent list).
 */
public final class ReadOnly {

    private ReadOnly() {
    }

    /** A read-only copy of {@code list}, or null. */
    public static <T> List<T> list(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** A read-only copy of {@code map} in its order, or null. */
    public static <K, V> Map<K, V> map(Map<K, V> map) {
        return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
