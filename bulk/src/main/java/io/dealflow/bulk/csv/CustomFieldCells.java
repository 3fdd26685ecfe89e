package io.dealflow.bulk.csv;

import io.dealflow.command.customfield.CustomFieldDefinition;
import io.dealflow.command.customfield.CustomFieldType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Custom field values in CSV cells: how the export writes a value, and how the import reads a {@code cf.<key>} cell
 * into the value a JSON client would send for that field (a number as a JSON number, a boolean as true or false, a
 * multiselect as a list, a date as its {@code YYYY-MM-DD} text), so a field's type means the same through both doors.
 */
final class CustomFieldCells {

    /** Between the items of a list (a multiselect) in one cell, as between tags. */
    static final String LIST_SEPARATOR = ";";

    private CustomFieldCells() {
    }

    /** The cell the export writes for a value: numbers in plain notation, lists {@code ;}-separated. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CustomFieldCells::text).collect(Collectors.joining(LIST_SEPARATOR));
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).toPlainString();
        }
        return value.toString();
    }

    /**
     * The value of a non-empty cell for a field: typed by the field's live definition, the cell's text as it is for a
     * key without one (or a text field). A cell that is no value of the field's type is refused with a reason naming
     * the column and what was expected.
     */
    static Reading read(String column, CustomFieldDefinition definition, String cell) {
        if (definition == null) {
            return new Reading(cell, null);
        }
        CustomFieldType type = definition.type();
        String trimmed = cell.strip();
        Object value = switch (type) {
            case NUMBER -> number(trimmed);
            case BOOLEAN -> trimmed.equalsIgnoreCase("true") ? Boolean.TRUE
                    : trimmed.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            case MULTISELECT -> Arrays.stream(trimmed.split(LIST_SEPARATOR)).map(String::strip)
                    .filter(item -> !item.isEmpty()).distinct().toList();
            case TEXT -> cell;
            case DATE, SELECT -> trimmed;
        };
        if (value == null || !type.accepts(value, definition.options())) {
            String expected = type.hasOptions() ? type.expected() + " " + definition.options() : type.expected();
            return new Reading(null, column + " is a " + type.code() + " field: its value must be " + expected
                    + (type == CustomFieldType.TEXT ? "" : ", not " + cell));
        }
        return new Reading(value, null);
    }

    /**
     * A number typed as the HTTP API's JSON reader types one: a whole number written without a point or exponent is an
     * integer (of any size), any other a double; null when the text is no number or out of a double's range.
     */
    private static Object number(String text) {
        BigDecimal decimal;
        try {
            decimal = new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
        if (text.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E')) {
            BigInteger whole = decimal.toBigIntegerExact();
            return whole.bitLength() < Integer.SIZE ? (Object) whole.intValue()
                    : whole.bitLength() < Long.SIZE ? (Object) whole.longValue() : whole;
        }
        double value = decimal.doubleValue();
        return Double.isFinite(value) ? value : null;
    }

    /**
     * A cell read for a field.
     *
     * @param value   the field's value, when the cell is one of its type
     * @param problem why it is not, otherwise
     */
    record Reading(Object value, String problem) {

        boolean refused() {
            return problem != null;
        }
    }
}
