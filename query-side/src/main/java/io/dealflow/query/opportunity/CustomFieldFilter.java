package io.dealflow.query.opportunity;

import io.dealflow.query.http.BadParameter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A search filter on one custom field: {@code cf.<key>=<value>} (the deal holds this value; for a list, as one of its
 * elements), or {@code cf.<key>.min=} / {@code cf.<key>.max=} (inclusive bounds of a number, or of a date
 * {@code YYYY-MM-DD}). Each reads {@code read_model.opportunity_custom_value} through its indexes.
 *
 * @param operator {@code =}, {@code >=} or {@code <=}
 * @param number   the value as a number, when it reads as one
 * @param text     the value as text (a date, a select option, {@code true}); null for a number bound
 */
record CustomFieldFilter(String key, String operator, String text, BigDecimal number) {

    private static final String PREFIX = "cf.";
    private static final int MAX_FILTERS = 10;
    private static final int MAX_KEY = 100;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,20}(\\.[0-9]{1,10})?");

    /** Whether a parameter of that name is a custom field filter. */
    static boolean names(String parameter) {
        return parameter.startsWith(PREFIX);
    }

    /** The custom field filters among a request's parameters, in a stable order; none when there are none. */
    static List<CustomFieldFilter> of(Map<String, String[]> parameters) {
        Map<String, String[]> named = new TreeMap<>();
        parameters.forEach((name, values) -> {
            if (name.startsWith(PREFIX)) {
                named.put(name, values);
            }
        });
        if (named.size() > MAX_FILTERS) {
            throw new BadParameter("cf", "at most " + MAX_FILTERS + " custom field filters");
        }
        List<CustomFieldFilter> filters = new ArrayList<>();
        named.forEach((name, values) -> {
            if (values.length != 1) {
                throw new BadParameter(name, "must be given once");
            }
            filters.add(parse(name, values[0]));
        });
        return filters;
    }

    private static CustomFieldFilter parse(String name, String value) {
        String rest = name.substring(PREFIX.length());
        String operator = "=";
        if (rest.endsWith(".min")) {
            operator = ">=";
            rest = rest.substring(0, rest.length() - ".min".length());
        } else if (rest.endsWith(".max")) {
            operator = "<=";
            rest = rest.substring(0, rest.length() - ".max".length());
        }
        if (rest.isBlank() || rest.length() > MAX_KEY || rest.chars().anyMatch(Character::isISOControl)) {
            throw new BadParameter(name, "must name a custom field key of 1 to " + MAX_KEY + " characters");
        }
        if (value.isEmpty() || value.length() > 2_000 || value.chars().anyMatch(c -> c == 0)) {
            throw new BadParameter(name, "must be a value of 1 to 2000 characters");
        }
        BigDecimal number = NUMBER.matcher(value).matches() ? new BigDecimal(value) : null;
        if (operator.equals("=")) {
            return new CustomFieldFilter(rest, operator, value, number);
        }
        if (number != null) {
            return new CustomFieldFilter(rest, operator, null, number);
        }
        if (isDate(value)) {
            return new CustomFieldFilter(rest, operator, value, null);
        }
        throw new BadParameter(name, "must be a number or a date YYYY-MM-DD");
    }

    /** The condition on {@code read_model.opportunity}, appending its arguments. */
    String condition(String locationId, List<Object> arguments) {
        arguments.add(locationId);
        arguments.add(key);
        String values = "SELECT v.opportunity_id FROM read_model.opportunity_custom_value v"
                + " WHERE v.location_id = ? AND v.field_key = ? AND ";
        if (operator.equals("=")) {
            arguments.add(text);
            if (number == null) {
                return " AND opportunity_id IN (" + values + "v.text_value = ?)";
            }
            arguments.add(locationId);
            arguments.add(key);
            arguments.add(number);
            return " AND opportunity_id IN (" + values + "v.text_value = ? UNION ALL " + values
                    + "v.number_value = ?)";
        }
        arguments.add(text != null ? text : number);
        return " AND opportunity_id IN (" + values + (text != null ? "v.text_value " : "v.number_value ") + operator
                + " ?)";
    }

    /** What a cursor of a search with this filter depends on. */
    String fingerprint() {
        return key + operator + (text != null ? text : number.stripTrailingZeros().toPlainString());
    }

    private static boolean isDate(String value) {
        if (value.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
