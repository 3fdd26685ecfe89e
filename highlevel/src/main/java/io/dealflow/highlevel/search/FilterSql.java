package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.Amounts;
import io.dealflow.events.Instants;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the filters of HighLevel's advanced search into SQL conditions on {@code read_model.opportunity}, with their
 * arguments bound, never spliced. A filter is {@code {"field", "operator", "value"}} or a group
 * {@code {"group": "AND"|"OR", "filters": [...]}}; groups nest. Problems are collected, not thrown, so a request hears
 * about all of them at once.
 */
final class FilterSql {

    static final int MAX_FILTERS = 100;
    static final int MAX_DEPTH = 5;
    private static final Set<String> RANGE_BOUNDS = Set.of("gte", "gt", "lte", "lt");
    private static final Map<String, String> RANGE_OPERATORS = Map.of("gte", ">=", "gt", ">", "lte", "<=", "lt", "<");

    private final List<Object> arguments;
    private final List<String> problems;
    private int filters;

    FilterSql(List<Object> arguments, List<String> problems) {
        this.arguments = arguments;
        this.problems = problems;
    }

    /** The conditions of a list of filters, all of which must hold; null when there are none. */
    String all(JsonNode filters, String path) {
        return group("AND", filters, path, 1);
    }

    private String group(String operator, JsonNode filters, String path, int depth) {
        if (filters == null || filters.isNull()) {
            return null;
        }
        if (!filters.isArray()) {
            problems.add(path + " must be an array");
            return null;
        }
        if (depth > MAX_DEPTH) {
            problems.add(path + " nests groups deeper than " + MAX_DEPTH);
            return null;
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            String condition = filter(filters.get(i), path + "." + i, depth);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        if (conditions.isEmpty()) {
            return null;
        }
        return "(" + String.join(" " + operator + " ", conditions) + ")";
    }

    private String filter(JsonNode filter, String path, int depth) {
        if (++filters > MAX_FILTERS) {
            if (filters == MAX_FILTERS + 1) {
                problems.add("filters must hold at most " + MAX_FILTERS + " filters");
            }
            return null;
        }
        if (!filter.isObject()) {
            problems.add(path + " must be an object");
            return null;
        }
        if (filter.has("group")) {
            String group = filter.path("group").asText("").toUpperCase(Locale.ROOT);
            if (!group.equals("AND") && !group.equals("OR")) {
                problems.add(path + ".group must be one of the following values: AND, OR");
                return null;
            }
            return group(group, filter.get("filters"), path + ".filters", depth + 1);
        }
        String fieldName = filter.path("field").asText(null);
        SearchField field = fieldName == null ? null : SearchField.named(fieldName).orElse(null);
        if (field == null) {
            problems.add(path + ".field must be one of the following values: " + fieldNames());
            return null;
        }
        String operator = filter.path("operator").asText("");
        JsonNode value = filter.get("value");
        return switch (operator) {
            case "eq" -> equal(field, value, path, false);
            case "not_eq" -> equal(field, value, path, true);
            case "contains" -> contains(field, value, path, false);
            case "not_contains" -> contains(field, value, path, true);
            case "exists" -> exists(field, false);
            case "not_exists" -> exists(field, true);
            case "range" -> range(field, value, path);
            default -> {
                problems.add(path + ".operator must be one of the following values: eq, not_eq, contains,"
                        + " not_contains, exists, not_exists, range");
                yield null;
            }
        };
    }

    private String equal(SearchField field, JsonNode value, String path, boolean negated) {
        if (value == null || value.isNull() || value.isArray() && value.isEmpty()) {
            problems.add(path + ".value should not be empty");
            return null;
        }
        List<JsonNode> values = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        String condition;
        if (field.kind() == SearchField.Kind.ARRAY) {
            condition = field.column() + " && ?::text[]";
            arguments.add(values.stream().map(JsonNode::asText).toArray(String[]::new));
        } else if (field.kind() == SearchField.Kind.NAME) {
            condition = "name_key = ANY (?::text[])";
            arguments.add(values.stream().map(item -> item.asText().toLowerCase(Locale.ROOT)).toArray(String[]::new));
        } else if (field.kind() == SearchField.Kind.TEXT) {
            condition = field.column() + " = ANY (?::text[])";
            arguments.add(values.stream().map(JsonNode::asText).toArray(String[]::new));
        } else {
            List<String> alternatives = new ArrayList<>();
            for (JsonNode item : values) {
                Object bound = bound(field, item, path + ".value");
                if (bound == null) {
                    return null;
                }
                alternatives.add(field.column() + " = ?");
                arguments.add(bound);
            }
            condition = "(" + String.join(" OR ", alternatives) + ")";
        }
        // A missing value is "not equal" to anything, as in HighLevel's search.
        return negated ? "(" + field.column() + " IS NULL OR NOT (" + condition + "))" : condition;
    }

    private String contains(SearchField field, JsonNode value, String path, boolean negated) {
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            problems.add(path + ".value should not be empty");
            return null;
        }
        String condition;
        switch (field.kind()) {
            case TEXT, NAME -> {
                condition = field.column() + " ILIKE ?";
                arguments.add("%" + escapeLike(value.asText()) + "%");
            }
            case ARRAY -> {
                condition = field.column() + " @> ARRAY[?]::text[]";
                arguments.add(value.asText());
            }
            default -> {
                problems.add(path + ".operator contains is not valid for " + field.apiName());
                return null;
            }
        }
        return negated ? "(" + field.column() + " IS NULL OR NOT (" + condition + "))" : condition;
    }

    private String exists(SearchField field, boolean negated) {
        if (field.kind() == SearchField.Kind.ARRAY) {
            return "cardinality(" + field.column() + ")" + (negated ? " = 0" : " > 0");
        }
        return field.column() + (negated ? " IS NULL" : " IS NOT NULL");
    }

    private String range(SearchField field, JsonNode value, String path) {
        if (field.kind() != SearchField.Kind.NUMBER && field.kind() != SearchField.Kind.DATE) {
            problems.add(path + ".operator range is not valid for " + field.apiName());
            return null;
        }
        if (value == null || !value.isObject() || value.isEmpty()) {
            problems.add(path + ".value must be an object with gte, gt, lte or lt");
            return null;
        }
        List<String> bounds = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!RANGE_BOUNDS.contains(entry.getKey())) {
                problems.add(path + ".value." + entry.getKey() + " is not a range bound (gte, gt, lte, lt)");
                return null;
            }
            Object bound = bound(field, entry.getValue(), path + ".value." + entry.getKey());
            if (bound == null) {
                return null;
            }
            bounds.add(field.column() + " " + RANGE_OPERATORS.get(entry.getKey()) + " ?");
            arguments.add(bound);
        }
        return "(" + String.join(" AND ", bounds) + ")";
    }

    /** A number or a timestamp as the column compares it, or null after noting the problem. */
    private Object bound(SearchField field, JsonNode value, String path) {
        if (field.kind() == SearchField.Kind.NUMBER) {
            BigDecimal number = number(value);
            if (number == null) {
                problems.add(path + " " + Amounts.EXPECTED);
            }
            return number;
        }
        OffsetDateTime time = timestamp(value);
        if (time == null) {
            problems.add(path + " must be an ISO-8601 date or instant, or epoch milliseconds, in the years 0001 to"
                    + " 9999");
        }
        return time;
    }

    /**
     * A number (JSON number or numeric text) bounded as amounts are: {@code 1e999999999}, {@code NaN} or
     * {@code Infinity} would otherwise compare as something else in PostgreSQL. Null when it is none.
     */
    static BigDecimal number(JsonNode value) {
        if (value == null || !(value.isNumber() || value.isTextual())) {
            return null;
        }
        try {
            return Amounts.parse(value.isBigDecimal() ? value.decimalValue().toString() : value.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * An instant from epoch milliseconds, an ISO-8601 instant or offset time, or a date (its start, UTC), in the years
     * 0001 to 9999; null when it is none.
     */
    static OffsetDateTime timestamp(JsonNode value) {
        if (value == null || !(value.isNumber() || value.isTextual())) {
            return null;
        }
        try {
            Instant instant = value.isIntegralNumber() && value.canConvertToLong()
                    || value.isTextual() && value.asText().matches("-?[0-9]{1,15}")
                    ? Instants.ofEpochMilli(value.asLong())
                    : Instants.parse(value.asText());
            return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String fieldNames() {
        return String.join(", ", Arrays.stream(SearchField.values()).map(SearchField::apiName).toList());
    }
}
