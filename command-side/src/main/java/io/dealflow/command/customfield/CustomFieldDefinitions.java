package io.dealflow.command.customfield;

import java.util.Map;

/**
 * The live custom field definitions of a location, which every command that sets custom field values checks them
 * against (create and edit, and so bulk operations, imports and the HighLevel door, which send those commands). An
 * interface so fixture tests can answer it from memory.
 */
public interface CustomFieldDefinitions {

    /** The location's live definitions by key; keys without one stay free. */
    Map<String, CustomFieldDefinition> liveIn(String locationId);

    /** Whether the location ever defined this key, archived or not. */
    boolean defined(String locationId, String key);

    /** Refuses the first value whose key has a definition and which is not of its type. */
    default void check(String locationId, Map<String, Object> values) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, CustomFieldDefinition> definitions = liveIn(locationId);
        values.forEach((key, value) -> {
            CustomFieldDefinition definition = definitions.get(key);
            if (definition != null) {
                definition.check(value);
            }
        });
    }
}
