package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealflow.highlevel.http.HighLevelRefusal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A custom field value as HighLevel clients send it: {@code {"id" or "key", "field_value"}}. dealflow keeps custom
 * fields by that id or key, as given; it has no custom field definitions to resolve one to the other.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CustomFieldInput(String id, String key, @JsonProperty("field_value") @JsonAlias("fieldValue") Object fieldValue) {

    /** The values by id (or key), in the order given; a later entry for the same field wins. */
    static Map<String, Object> byField(List<CustomFieldInput> fields) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            CustomFieldInput field = fields.get(i);
            if (field == null) {
                throw HighLevelRefusal.invalid("customFields." + i + " must be an object");
            }
            String name = field.id() != null && !field.id().isBlank() ? field.id() : field.key();
            if (name == null || name.isBlank()) {
                throw HighLevelRefusal.invalid("customFields." + i + ".id or customFields." + i
                        + ".key should not be empty");
            }
            values.put(name.trim(), field.fieldValue());
        }
        return values;
    }
}
