package io.dealflow.command.customfield;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Custom field definitions held in memory, for fixture tests of the aggregates that check values. */
public final class InMemoryCustomFieldDefinitions implements CustomFieldDefinitions {

    private final Map<String, Map<String, CustomFieldDefinition>> live = new HashMap<>();
    private final Set<String> defined = new HashSet<>();

    /** Defines a live field of the location. */
    public InMemoryCustomFieldDefinitions with(String locationId, String key, CustomFieldType type,
                                               String... options) {
        live.computeIfAbsent(locationId, id -> new HashMap<>())
                .put(key, new CustomFieldDefinition(key, type, List.of(options)));
        defined.add(locationId + "/" + key);
        return this;
    }

    /** Marks a key as defined once and archived since. */
    public InMemoryCustomFieldDefinitions archived(String locationId, String key) {
        defined.add(locationId + "/" + key);
        return this;
    }

    @Override
    public Map<String, CustomFieldDefinition> liveIn(String locationId) {
        return live.getOrDefault(locationId, Map.of());
    }

    @Override
    public boolean defined(String locationId, String key) {
        return defined.contains(locationId + "/" + key);
    }
}
