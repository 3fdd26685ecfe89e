package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.Amounts;
import io.dealflow.events.Instants;
import io.dealflow.query.opportunity.OpportunityCondition;
import io.dealflow.query.opportunity.OpportunityField;

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

/**
 * Turns the filters of HighLevel's advanced search into an {@link OpportunityCondition} of the query side's reader. A
 * filter is {@code {"field", "operator", "value"}} or a group
 * {@code {"group": "AND"|"OR", "filters": [...]}}; groups nest. Problems are collected, not thrown, so a request hears
 * about all of them at once.
 */
final class SearchFilters {

    static final int MAX_FILTERS = 100;
    static final int MAX_DEPTH = 5;
    private static final Map<String, OpportunityCondition.Comparison> RANGE_BOUNDS = Map.of(
            "gte", OpportunityCondition.Comparison.AT_LEAST, "gt", OpportunityCondition.Comparison.ABOVE,
            "lte", OpportunityCondition.Comparison.AT_MOST, "lt", OpportunityCondition.Comparison.BELOW);

    private final List<String> problems;
    private int filters;

    SearchFilters(List<String> problems) {
        this.problems = problems;
    }

    /** The conditions of a list of filters, all of which must hold; null when there are none. */
    OpportunityCondition all(JsonNode filters, String path) {
        return group("AND", filters, path, 1);
    }

    private OpportunityCondition group(String operator, JsonNode filters, String path, int depth) {
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
        List<OpportunityCondition> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            OpportunityCondition condition = filter(filters.get(i), path + "." + i, depth);
            if (condition != null) {
                conditions.add(condition);
            }
        }
        return operator.equals("OR") ? OpportunityCondition.anyOf(conditions) : OpportunityCondition.allOf(conditions);
    }

    private OpportunityCondition filter(JsonNode filter, String path, int depth) {
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

    private OpportunityCondition equal(SearchField field, JsonNode value, String path, boolean negated) {
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
        List<Object> compared = new ArrayList<>();
        for (JsonNode item : values) {
            if (field.kind() == OpportunityField.Kind.NUMBER || field.kind() == OpportunityField.Kind.DATE) {
                Object bound = bound(field, item, path + ".value");
                if (bound == null) {
                    return null;
                }
                compared.add(bound);
            } else {
                compared.add(item.asText());
            }
        }
        return OpportunityCondition.equal(field.field(), compared, negated);
    }

    private OpportunityCondition contains(SearchField field, JsonNode value, String path, boolean negated) {
        if (value == null || !value.isValueNode() || value.isNull() || value.asText().isEmpty()) {
            problems.add(path + ".value should not be empty");
            return null;
        }
        if (field.kind() == OpportunityField.Kind.NUMBER || field.kind() == OpportunityField.Kind.DATE) {
            problems.add(path + ".operator contains is not valid for " + field.apiName());
            return null;
        }
        return OpportunityCondition.contains(field.field(), value.asText(), negated);
    }

    private OpportunityCondition exists(SearchField field, boolean negated) {
        return OpportunityCondition.exists(field.field(), negated);
    }

    private OpportunityCondition range(SearchField field, JsonNode value, String path) {
        if (field.kind() != OpportunityField.Kind.NUMBER && field.kind() != OpportunityField.Kind.DATE) {
            problems.add(path + ".operator range is not valid for " + field.apiName());
            return null;
        }
        if (value == null || !value.isObject() || value.isEmpty()) {
            problems.add(path + ".value must be an object with gte, gt, lte or lt");
            return null;
        }
        List<OpportunityCondition.Bound> bounds = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            OpportunityCondition.Comparison comparison = RANGE_BOUNDS.get(entry.getKey());
            if (comparison == null) {
                problems.add(path + ".value." + entry.getKey() + " is not a range bound (gte, gt, lte, lt)");
                return null;
            }
            Object bound = bound(field, entry.getValue(), path + ".value." + entry.getKey());
            if (bound == null) {
                return null;
            }
            bounds.add(new OpportunityCondition.Bound(comparison, bound));
        }
        return OpportunityCondition.range(field.field(), bounds);
    }

    /** A number or a timestamp as the column compares it, or null after noting the problem. */
    private Object bound(SearchField field, JsonNode value, String path) {
        if (field.kind() == OpportunityField.Kind.NUMBER) {
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


    private static String fieldNames() {
        return String.join(", ", Arrays.stream(SearchField.values()).map(SearchField::apiName).toList());
    }
}
