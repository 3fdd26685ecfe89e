package io.dealflow.command.opportunity;

import io.dealflow.command.errors.RuleViolated;
import io.dealflow.events.Contact;
import io.dealflow.events.StorableText;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rules every value of an opportunity obeys, whichever command brings it. Each check answers the value as the
 * opportunity keeps it (trimmed, normalised) or refuses it with a {@link RuleViolated} naming the request field.
 */
final class OpportunityRules {

    static final int MAX_TEXT = 255;
    static final int MAX_ITEMS = 100;
    static final int MAX_NOTE = 10_000;
    static final int MAX_CUSTOM_FIELD_KEY = 100;
    static final int MAX_CUSTOM_FIELD_TEXT = 2_000;
    /** Fifteen integer digits: more than any real deal, and it fits the read models' numeric columns. */
    static final BigDecimal MAX_VALUE = new BigDecimal("1E15");

    private OpportunityRules() {
    }

    /** A name: not blank, at most 255 characters once trimmed. */
    static String name(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || StorableText.length(trimmed) > MAX_TEXT) {
            throw new RuleViolated("invalid-name", "name", "name must be 1 to " + MAX_TEXT + " characters");
        }
        return trimmed;
    }

    /** A monetary value: not negative, at most two decimals, below 10^15; kept with at most two decimals. */
    static BigDecimal monetaryValue(BigDecimal value) {
        if (value == null) {
            throw new RuleViolated("invalid-monetary-value", "monetaryValue", "monetaryValue is required");
        }
        if (value.signum() < 0) {
            throw new RuleViolated("invalid-monetary-value", "monetaryValue", "monetaryValue must not be negative");
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new RuleViolated("invalid-monetary-value", "monetaryValue",
                    "monetaryValue must have at most 2 decimals");
        }
        if (value.compareTo(MAX_VALUE) >= 0) {
            throw new RuleViolated("invalid-monetary-value", "monetaryValue", "monetaryValue must be below 10^15");
        }
        // 10.500 becomes 10.50 and 1E+2 becomes 100; neither rounds, as the scale checked above allows it.
        return value.setScale(Math.max(0, Math.min(value.scale(), 2)));
    }

    /** A currency: an ISO 4217 code in capitals, e.g. {@code USD}. */
    static String currency(String code) {
        if (code != null && code.length() == 3) {
            try {
                return Currency.getInstance(code).getCurrencyCode();
            } catch (IllegalArgumentException e) {
                // falls through to the refusal below
            }
        }
        throw new RuleViolated("invalid-currency", "currency", "currency must be an ISO 4217 code such as USD");
    }

    /** Free text such as a source or an owner id: trimmed, blank means none, at most 255 characters. */
    static String optionalText(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (StorableText.length(trimmed) > MAX_TEXT) {
            throw new RuleViolated("invalid-" + field, field, field + " must be at most " + MAX_TEXT + " characters");
        }
        return trimmed;
    }

    /** Required text such as a task title: not blank, at most {@code max} characters once trimmed. */
    static String requiredText(String field, String text, int max) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty() || StorableText.length(trimmed) > max) {
            throw new RuleViolated("invalid-" + field, field, field + " must be 1 to " + max + " characters");
        }
        return trimmed;
    }

    /** A note's body: not blank, at most 10,000 characters; kept as sent (notes keep their line breaks). */
    static String noteBody(String body) {
        if (body == null || body.isBlank() || StorableText.length(body) > MAX_NOTE) {
            throw new RuleViolated("invalid-body", "body", "body must be 1 to " + MAX_NOTE + " characters");
        }
        return body;
    }

    /** A contact: each field trimmed and at most 255 characters; one with no field at all is no contact. */
    static Contact contact(Contact contact) {
        if (contact == null) {
            return null;
        }
        Contact trimmed = new Contact(contactField("id", contact.id()), contactField("name", contact.name()),
                contactField("email", contact.email()), contactField("phone", contact.phone()),
                contactField("companyName", contact.companyName()));
        boolean empty = trimmed.id() == null && trimmed.name() == null && trimmed.email() == null
                && trimmed.phone() == null && trimmed.companyName() == null;
        return empty ? null : trimmed;
    }

    /**
     * A list of tags or user ids: at most 100, none blank or over 255 characters; trimmed, repeats dropped, order
     * kept. Null means none.
     */
    static List<String> items(String field, List<String> items) {
        if (items == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String item : items) {
            if (item == null || item.isBlank() || StorableText.length(item.trim()) > MAX_TEXT) {
                throw new RuleViolated("invalid-" + field, field,
                        field + " must not hold blank entries or entries over " + MAX_TEXT + " characters");
            }
            kept.add(item.trim());
        }
        if (kept.size() > MAX_ITEMS) {
            throw new RuleViolated("invalid-" + field, field, field + " must hold at most " + MAX_ITEMS + " entries");
        }
        return List.copyOf(kept);
    }

    /**
     * Custom field values: at most 100 keys, none blank or over 100 characters; each value a string (at most 2000
     * characters), number, boolean, null, or a list of those (at most 100). Null means none.
     */
    static Map<String, Object> customFields(Map<String, Object> fields) {
        if (fields == null) {
            return Map.of();
        }
        if (fields.size() > MAX_ITEMS) {
            throw customFieldsRefused("customFields must hold at most " + MAX_ITEMS + " keys");
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (key == null || key.isBlank() || StorableText.length(key) > MAX_CUSTOM_FIELD_KEY) {
                throw customFieldsRefused("customFields keys must be 1 to " + MAX_CUSTOM_FIELD_KEY + " characters");
            }
            if (value instanceof List<?> list) {
                if (list.size() > MAX_ITEMS || !list.stream().allMatch(OpportunityRules::isScalar)) {
                    throw customFieldsRefused("customFields." + key + " must be a list of at most " + MAX_ITEMS
                            + " strings, numbers or booleans");
                }
                kept.put(key, new ArrayList<>(list));
            } else if (isScalar(value)) {
                kept.put(key, value);
            } else {
                throw customFieldsRefused("customFields." + key + " must be a string, number, boolean or list");
            }
        });
        return kept;
    }

    /**
     * Whether two sets of custom field values are the same, comparing numbers by value: {@code 1}, {@code 1.0} and
     * a {@code BigDecimal} read back from an event are equal.
     */
    static boolean sameCustomFields(Map<String, Object> left, Map<String, Object> right) {
        if (!left.keySet().equals(right.keySet())) {
            return false;
        }
        return left.entrySet().stream().allMatch(entry -> sameValue(entry.getValue(), right.get(entry.getKey())));
    }

    /** Whether two custom field values are the same, comparing numbers by value. */
    static boolean sameValue(Object left, Object right) {
        if (left instanceof Number a && right instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (left instanceof List<?> a && right instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(left, right);
    }

    private static boolean isScalar(Object value) {
        if (value instanceof String text) {
            return StorableText.length(text) <= MAX_CUSTOM_FIELD_TEXT;
        }
        if (value instanceof Double number) {
            return Double.isFinite(number);
        }
        if (value instanceof Float number) {
            return Float.isFinite(number);
        }
        return value == null || value instanceof Number || value instanceof Boolean;
    }

    private static RuleViolated customFieldsRefused(String message) {
        return new RuleViolated("invalid-custom-fields", "customFields", message);
    }

    private static String contactField(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (StorableText.length(trimmed) > MAX_TEXT) {
            throw new RuleViolated("invalid-contact", "contact." + field,
                    "contact." + field + " must be at most " + MAX_TEXT + " characters");
        }
        return trimmed;
    }
}
