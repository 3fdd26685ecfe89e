package io.dealflow.query.opportunity;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A condition on the opportunities of a search, built from fields and values and rendered as SQL on
 * {@code read_model.opportunity} with every value bound, never spliced. The read model's columns stay here; a door
 * says only what it wants ({@link OpportunityReader#page}).
 */
public final class OpportunityCondition {

    /** A comparison of a range bound. */
    public enum Comparison {
        AT_LEAST(">="), ABOVE(">"), AT_MOST("<="), BELOW("<");

        private final String operator;

        Comparison(String operator) {
            this.operator = operator;
        }
    }

    /** One bound of a range: a number or an {@link OffsetDateTime}, as the field compares. */
    public record Bound(Comparison comparison, Object value) {
    }

    private final String sql;
    private final List<Object> arguments;

    private OpportunityCondition(String sql, List<Object> arguments) {
        this.sql = sql;
        this.arguments = List.copyOf(arguments);
    }

    private OpportunityCondition(String sql, Object... arguments) {
        this(sql, Arrays.asList(arguments));
    }

    /**
     * The field equals one of the values (text for text, name and list fields, where a list field "holds" one; bound
     * numbers or timestamps otherwise); negated, a missing value counts as "not equal", as in HighLevel's search.
     */
    public static OpportunityCondition equal(OpportunityField field, List<?> values, boolean negated) {
        OpportunityCondition condition = switch (field.kind()) {
            case ARRAY -> new OpportunityCondition(field.column() + " && ?::text[]", (Object) texts(values, false));
            case NAME -> new OpportunityCondition("name_key = ANY (?::text[])", (Object) texts(values, true));
            case TEXT -> new OpportunityCondition(field.column() + " = ANY (?::text[])", (Object) texts(values, false));
            default -> new OpportunityCondition("(" + String.join(" OR ",
                    values.stream().map(value -> field.column() + " = ?").toList()) + ")", new ArrayList<>(values));
        };
        return negated ? missingOrNot(field, condition) : condition;
    }

    /** The text or name field holds {@code text}, ignoring case, or the list field holds it as an element. */
    public static OpportunityCondition contains(OpportunityField field, String text, boolean negated) {
        OpportunityCondition condition = switch (field.kind()) {
            case TEXT, NAME -> new OpportunityCondition(field.column() + " ILIKE ?", "%" + escapeLike(text) + "%");
            case ARRAY -> new OpportunityCondition(field.column() + " @> ARRAY[?]::text[]", text);
            default -> throw new IllegalArgumentException("contains is not a condition on " + field);
        };
        return negated ? missingOrNot(field, condition) : condition;
    }

    /** The field has a value (a list field: at least one element), or, negated, has none. */
    public static OpportunityCondition exists(OpportunityField field, boolean negated) {
        if (field.kind() == OpportunityField.Kind.ARRAY) {
            return new OpportunityCondition("cardinality(" + field.column() + ")" + (negated ? " = 0" : " > 0"));
        }
        return new OpportunityCondition(field.column() + (negated ? " IS NULL" : " IS NOT NULL"));
    }

    /** The number or time field within every bound. */
    public static OpportunityCondition range(OpportunityField field, List<Bound> bounds) {
        return new OpportunityCondition("(" + String.join(" AND ", bounds.stream()
                .map(bound -> field.column() + " " + bound.comparison().operator + " ?").toList()) + ")",
                bounds.stream().map(Bound::value).toList());
    }

    /** The field equals the text exactly. */
    public static OpportunityCondition is(OpportunityField field, String text) {
        return new OpportunityCondition(field.column() + " = ?", text);
    }

    /** The deal's searchable text (name, contact, ...) holds {@code text}, ignoring case. */
    public static OpportunityCondition textHolds(String text) {
        return new OpportunityCondition("search_text ILIKE ?", "%" + escapeLike(text) + "%");
    }

    /** Created at or after {@code from}. */
    public static OpportunityCondition createdFrom(OffsetDateTime from) {
        return new OpportunityCondition("created_at >= ?", from);
    }

    /** Created before {@code to}. */
    public static OpportunityCondition createdBefore(OffsetDateTime to) {
        return new OpportunityCondition("created_at < ?", to);
    }

    /**
     * Sorts after a deal created at {@code createdAt} (and of id {@code id}, when not null) in creation order,
     * newest first when {@code descending}.
     */
    public static OpportunityCondition createdAfterInOrder(boolean descending, OffsetDateTime createdAt, String id) {
        String comparison = descending ? "<" : ">";
        return id == null ? new OpportunityCondition("created_at " + comparison + " ?", createdAt)
                : new OpportunityCondition("(created_at, opportunity_id) " + comparison + " (?, ?)", createdAt, id);
    }

    /**
     * Sorts after a hit of {@code order} whose sort values are {@code values} (one per key, bound as the key's kind
     * compares): for keys k1..kn, k1 after v1, or k1 = v1 and k2 after v2, and so on.
     */
    public static OpportunityCondition after(OpportunityOrder order, List<Object> values) {
        List<OpportunityOrder.Key> keys = order.keys();
        List<Object> arguments = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> conjunction = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conjunction.add(keys.get(j).field().sortExpression() + " = ?");
                arguments.add(values.get(j));
            }
            OpportunityOrder.Key key = keys.get(i);
            conjunction.add(key.field().sortExpression() + (key.descending() ? " < ?" : " > ?"));
            arguments.add(values.get(i));
            alternatives.add("(" + String.join(" AND ", conjunction) + ")");
        }
        return new OpportunityCondition("(" + String.join(" OR ", alternatives) + ")", arguments);
    }

    /** Every one of the conditions, as one group; null when there are none. */
    public static OpportunityCondition allOf(List<OpportunityCondition> conditions) {
        return group(" AND ", conditions);
    }

    /** At least one of the conditions, as one group; null when there are none. */
    public static OpportunityCondition anyOf(List<OpportunityCondition> conditions) {
        return group(" OR ", conditions);
    }

    /** Both this and {@code other} (which may be null). */
    public OpportunityCondition and(OpportunityCondition other) {
        if (other == null) {
            return this;
        }
        List<Object> all = new ArrayList<>(arguments);
        all.addAll(other.arguments);
        return new OpportunityCondition(sql + " AND " + other.sql, all);
    }

    /** The SQL of the condition, its values as {@code ?}. */
    public String sql() {
        return sql;
    }

    /** The values of the condition's {@code ?}, in order. */
    public List<Object> arguments() {
        return arguments;
    }

    private static OpportunityCondition group(String operator, List<OpportunityCondition> conditions) {
        if (conditions.isEmpty()) {
            return null;
        }
        List<Object> all = new ArrayList<>();
        conditions.forEach(condition -> all.addAll(condition.arguments));
        return new OpportunityCondition("(" + String.join(operator, conditions.stream()
                .map(condition -> condition.sql).toList()) + ")", all);
    }

    private static OpportunityCondition missingOrNot(OpportunityField field, OpportunityCondition condition) {
        return new OpportunityCondition("(" + field.column() + " IS NULL OR NOT (" + condition.sql + "))",
                condition.arguments);
    }

    private static String[] texts(List<?> values, boolean lowerCase) {
        return values.stream().map(String::valueOf)
                .map(text -> lowerCase ? text.toLowerCase(Locale.ROOT) : text).toArray(String[]::new);
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
