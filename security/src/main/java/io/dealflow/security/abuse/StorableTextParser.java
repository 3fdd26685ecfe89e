package io.dealflow.security.abuse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import io.dealflow.http.UnstorableText;

import java.io.IOException;

/**
 * A request body's parser that refuses every string value and field name PostgreSQL could not store, as the token
 * arrives: one check for every body and every field, typed or free (custom fields), before any deserializer runs.
 * Jackson's other {@code next...} methods go through {@link #nextToken()}.
 */
class StorableTextParser extends JsonParserDelegate {

    StorableTextParser(JsonParser parser) {
        super(parser);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return checked(super.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
        return checked(super.nextValue());
    }

    private JsonToken checked(JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            UnstorableText.check(this, getText(), false);
        } else if (token == JsonToken.FIELD_NAME) {
            UnstorableText.check(this, currentName(), true);
        }
        return token;
    }
}
