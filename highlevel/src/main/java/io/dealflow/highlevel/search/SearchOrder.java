package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of a search, always ending in the id so it is total, and keyset paging in it: the page after a hit holds
 * the rows that sort after that hit's sort values ({@code searchAfter}, or {@code startAfter}/{@code startAfterId}).
 */
final class SearchOrder {

    /** One sort key. */
    record Key(SearchField field, boolean descending) {
    }

    /** Longest text sort value: names are at most 255 characters, ids shorter. */
    private static final int MAX_TEXT = 1024;

    private final List<Key> keys;

    private SearchOrder(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** The order by these keys, then by id in the direction of the last key (so one index serves it). */
    static SearchOrder by(List<Key> keys) {
        List<Key> total = new ArrayList<>(keys);
        if (total.isEmpty()) {
            total.add(new Key(SearchField.DATE_ADDED, true));
        }
        if (total.stream().noneMatch(key -> key.field() == SearchField.ID)) {
            total.add(new Key(SearchField.ID, total.get(total.size() - 1).descending()));
        }
        return new SearchOrder(total);
    }

    int size() {
        return keys.size();
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
     * The condition "sorts after these values": for keys k1..kn, k1 after v1, or k1 = v1 and k2 after v2, and so on.
     * Values come from the client, so each is parsed for its key's kind; problems are noted, not thrown.
     */
    String after(JsonNode values, List<Object> arguments, List<String> problems, String path) {
        if (!values.isArray() || values.size() != keys.size()) {
            problems.add(path + " must hold " + keys.size() + " values: the sort values of the last hit");
            return null;
        }
        List<Object> bound = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object value = value(keys.get(i).field(), values.get(i));
            if (value == null) {
                problems.add(path + "." + i + " is not a value of " + keys.get(i).field().apiName());
                return null;
            }
            bound.add(value);
        }
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> conjunction = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                conjunction.add(keys.get(j).field().sortExpression() + " = ?");
                arguments.add(bound.get(j));
            }
            Key key = keys.get(i);
            conjunction.add(key.field().sortExpression() + (key.descending() ? " < ?" : " > ?"));
            arguments.add(bound.get(i));
            alternatives.add("(" + String.join(" AND ", conjunction) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** The sort values of a row selected with {@link #sortColumns()}, as a client sends them back. */
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

    /** Text a sort key can hold: bounded, without control characters (NUL above all) or lone surrogates. */
    private static boolean plainText(String text) {
        if (text.length() > MAX_TEXT) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static Object value(SearchField field, JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return switch (field.kind()) {
            case DATE -> FilterSql.timestamp(value);
            case NUMBER -> FilterSql.number(value);
            default -> plainText(value.asText()) ? value.asText() : null;
        };
    }
}
