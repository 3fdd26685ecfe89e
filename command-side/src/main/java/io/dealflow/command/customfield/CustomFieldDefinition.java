package io.dealflow.command.customfield;

import io.dealflow.command.errors.RuleViolated;

import java.util.List;

/**
 * A live custom field of a location as command handlers check values against it (and as the CSV import reads a cell
 * into a value of the field's type).
 *
 * @param options the allowed values of a select or multiselect field; empty otherwise
 */
public record CustomFieldDefinition(String key, CustomFieldType type, List<String> options) {

    /** Refuses a value that is not of the field's type, naming the field and what was expected. */
    public void check(Object value) {
        if (!type.accepts(value, options)) {
            String expected = type.hasOptions() ? type.expected() + " " + options : type.expected();
            throw new RuleViolated("invalid-custom-field", "customFields." + key,
                    "customFields." + key + " is a " + type.code() + " field: its value must be " + expected);
        }
    }
}
