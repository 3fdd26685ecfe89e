package io.dealflow.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import io.dealflow.events.StorableText;

/**
 * A string in a request body that PostgreSQL could not store ({@link StorableText}): refused by the JSON parser of
 * every request body, before any deserializer sees it, and answered 400 naming the field.
 */
public class UnstorableText extends JsonParseException {

    private final String field;
    private final String reason;

    UnstorableText(JsonParser parser, String field, String reason) {
        super(parser, field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** Refuses the parser's current string or field name when it cannot be stored. */
    public static void check(JsonParser parser, String text, boolean isFieldName) throws UnstorableText {
        String fault = StorableText.fault(text);
        if (fault != null) {
            String field = path(isFieldName ? parser.getParsingContext().getParent() : parser.getParsingContext());
            String name = isFieldName ? StorableText.repaired(text) : null;
            String at = name == null ? field : field.isEmpty() ? name : field + "." + name;
            throw new UnstorableText(parser, at.isEmpty() ? "body" : at, fault);
        }
    }

    /** Dotted path of a parsing context: field names, and {@code [i]} for array elements. */
    private static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            String step = at.inArray() ? "[" + at.getCurrentIndex() + "]"
                    : StorableText.repaired(at.getCurrentName() == null ? "" : at.getCurrentName());
            path.insert(0, path.isEmpty() || at.inArray() ? step : step + (path.charAt(0) == '[' ? "" : "."));
        }
        return path.toString();
    }

    /** The field at fault, dotted ({@code contact.name}, {@code tags[2]}). */
    public String field() {
        return field;
    }

    /** What is wrong with it: {@code contains a NUL character} or {@code contains an unpaired surrogate}. */
    public String reason() {
        return reason;
    }
}
