package io.dealflow.command.customfield;

import io.dealflow.events.StorableText;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The types a custom field can have, each with what a value of it must be. Null is a value of every type: it clears
 * the field.
 */
public enum CustomFieldType {

    TEXT("text", "a text of at most 2000 characters"),
    NUMBER("number", "a number"),
    DATE("date", "a date as YYYY-MM-DD"),
    BOOLEAN("boolean", "true or false"),
    SELECT("select", "one of its options"),
    MULTISELECT("multiselect", "a list of its options");

    private static final int MAX_TEXT = 2_000;

    private final String code;
    private final String expected;

    CustomFieldType(String code, String expected) {
        this.code = code;
        this.expected = expected;
    }

    /** The type's name in the API and in events, e.g. {@code multiselect}. */
    public String code() {
        return code;
    }

    /** What a value of this type must be, in words for an error message. */
    public String expected() {
        return expected;
    }

    /** Whether this type takes a list of options. */
    public boolean hasOptions() {
        return this == SELECT || this == MULTISELECT;
    }

    /** The type of this name, if there is one. */
    public static Optional<CustomFieldType> of(String code) {
        return Arrays.stream(values()).filter(type -> type.code.equals(code)).findFirst();
    }

    /** Whether the value is one of this type, given the field's options. */
    public boolean accepts(Object value, List<String> options) {
        if (value == null) {
            return true;
        }
        return switch (this) {
            case TEXT -> value instanceof String text && StorableText.length(text) <= MAX_TEXT;
            case NUMBER -> value instanceof Number number && finite(number);
            case DATE -> value instanceof String text && isDate(text);
            case BOOLEAN -> value instanceof Boolean;
            case SELECT -> value instanceof String text && options.contains(text);
            case MULTISELECT -> value instanceof List<?> list
                    && list.stream().allMatch(item -> item instanceof String text && options.contains(text));
        };
    }

    private static boolean finite(Number number) {
        return !(number instanceof Double d && !Double.isFinite(d)) && !(number instanceof Float f && !Float.isFinite(f));
    }

    private static boolean isDate(String text) {
        if (text.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
