package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.query.opportunity.OpportunityCondition;
import io.dealflow.query.opportunity.OpportunityOrder;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of a search as HighLevel's client names it, the query side's {@link OpportunityOrder} underneath, and the
 * keyset position a client sends back ({@code searchAfter}), read for each key's kind.
 */
final class SearchOrder {

    /** One sort key. */
    record Key(SearchField field, boolean descending) {
    }

    /** Longest text sort value: names are at most 255 characters, ids shorter. */
    private static final int MAX_TEXT = 1024;

    private final OpportunityOrder order;

    private SearchOrder(OpportunityOrder order) {
        this.order = order;
    }

    /** The order by these keys, then by id in the direction of the last key (so one index serves it). */
    static SearchOrder by(List<Key> keys) {
        return new SearchOrder(OpportunityOrder.by(keys.stream()
                .map(key -> new OpportunityOrder.Key(key.field().field(), key.descending())).toList()));
    }

    /** The order the query side's reader pages in. */
    OpportunityOrder order() {
        return order;
    }

    /**
     * The condition "sorts after these values". Values come from the client, so each is parsed for its key's kind;
     * problems are noted, not thrown.
     */
    OpportunityCondition after(JsonNode values, List<String> problems, String path) {
        List<OpportunityOrder.Key> keys = order.keys();
        if (!values.isArray() || values.size() != keys.size()) {
            problems.add(path + " must hold " + keys.size() + " values: the sort values of the last hit");
            return null;
        }
        List<Object> bound = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SearchField field = SearchField.of(keys.get(i).field());
            Object value = value(field, values.get(i));
            if (value == null) {
                problems.add(path + "." + i + " is not a value of " + field.apiName());
                return null;
            }
            bound.add(value);
        }
        return OpportunityCondition.after(order, bound);
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
            case DATE -> SearchFilters.timestamp(value);
            case NUMBER -> SearchFilters.number(value);
            default -> plainText(value.asText()) ? value.asText() : null;
        };
    }
}
