package io.dealflow.query.opportunity;

import io.dealflow.query.http.BadParameter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The order of a search: one key, ascending or descending, ties broken by id in the same direction.
 * Written {@code createdAt}, {@code -createdAt} (descending), or {@code createdAt:desc} / {@code createdAt,asc}.
 * Default: newest first.
 */
record SearchSort(Key key, boolean descending) {

    static final SearchSort DEFAULT = new SearchSort(Key.CREATED_AT, true);

    /** Sortable fields with their column in {@code read_model.opportunity}. */
    enum Key {
        CREATED_AT("createdAt", "created_at"),
        UPDATED_AT("updatedAt", "updated_at"),
        MONETARY_VALUE("monetaryValue", "monetary_value"),
        LAST_STAGE_CHANGE_AT("lastStageChangeAt", "last_stage_change_at"),
        NAME("name", "name_key");

        final String parameter;
        final String column;

        Key(String parameter, String column) {
            this.parameter = parameter;
            this.column = column;
        }
    }

    static SearchSort parse(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT;
        }
        String text = value.strip();
        boolean descending = false;
        if (text.startsWith("-") || text.startsWith("+")) {
            descending = text.startsWith("-");
            text = text.substring(1);
        } else {
            int separator = Math.max(text.indexOf(':'), text.indexOf(','));
            if (separator > 0) {
                String direction = text.substring(separator + 1).toLowerCase(Locale.ROOT);
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw invalid();
                }
                descending = direction.equals("desc");
                text = text.substring(0, separator);
            }
        }
        String field = text;
        Key key = Arrays.stream(Key.values()).filter(candidate -> candidate.parameter.equals(field)).findFirst()
                .orElseThrow(SearchSort::invalid);
        return new SearchSort(key, descending);
    }

    private static BadParameter invalid() {
        String keys = Arrays.stream(Key.values()).map(key -> key.parameter).collect(Collectors.joining(", "));
        return new BadParameter("sort", "must be one of " + keys
                + ", optionally prefixed with - or followed by :desc for descending order");
    }

    String orderBy() {
        String direction = descending ? " DESC" : " ASC";
        return key.column + direction + ", opportunity_id" + direction;
    }

    String after() {
        return "(" + key.column + ", opportunity_id) " + (descending ? "<" : ">") + " (?, ?)";
    }

    @Override
    public String toString() {
        return (descending ? "-" : "") + key.parameter;
    }
}
