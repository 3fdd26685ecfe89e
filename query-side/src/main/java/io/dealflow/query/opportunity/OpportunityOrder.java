package io.dealflow.query.opportunity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a search on the opportunity read model, always ending in the id so it is total; each hit carries its
 * sort values, so the next page starts after the last one ({@link OpportunityCondition#after}).
 */
public final class OpportunityOrder {

    /** One sort key. */
    public record Key(OpportunityField field, boolean descending) {
    }

    private final List<Key> keys;

    private OpportunityOrder(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The order by these keys (newest first when none), then by id in the direction of the last key. */
    public static OpportunityOrder by(List<Key> keys) {
        List<Key> total = new ArrayList<>(keys);
        if (total.isEmpty()) {
            total.add(new Key(OpportunityField.CREATED_AT, true));
        }
        if (total.stream().noneMatch(key -> key.field() == OpportunityField.ID)) {
            total.add(new Key(OpportunityField.ID, total.get(total.size() - 1).descending()));
        }
        return new OpportunityOrder(total);
    }

    /** The keys, the id last. */
    public List<Key> keys() {
        return keys;
    }

    String orderBy() {
        return String.join(", ", keys.stream()
                .map(key -> key.field().sortExpression() + (key.descending() ? " DESC" : " ASC")).toList());
    }

    /** Columns to select so each hit carries its sort values. */
    String sortColumns() {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            columns.add(keys.get(i).field().sortExpression() + " AS sort_" + i);
        }
        return String.join(", ", columns);
    }

    /**
     * The sort values of a row selected with {@link #sortColumns()}: epoch milliseconds for times, plain decimal text
     * for numbers, text otherwise.
     */
    List<Object> valuesOf(ResultSet rs) throws SQLException {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String column = "sort_" + i;
            values.add(switch (keys.get(i).field().kind()) {
                case DATE -> rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
                case NUMBER -> rs.getBigDecimal(column).stripTrailingZeros().toPlainString();
                default -> rs.getString(column);
            });
        }
        return values;
    }
}
