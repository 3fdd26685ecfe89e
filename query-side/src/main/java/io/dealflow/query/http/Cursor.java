package io.dealflow.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque keyset cursors: the sort values of the last item a page showed, and a fingerprint of the query that made
 * them, so a cursor is only ever used with the query it came from. Clients pass them back unchanged.
 */
public final class Cursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private Cursor() {
    }

    /** Encodes a query fingerprint and the last item's key values. */
    public static String encode(String fingerprint, List<String> keys) {
        try {
            List<String> values = new ArrayList<>();
            values.add(fingerprint);
            values.addAll(keys);
            byte[] json = JSON.writeValueAsBytes(values);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a cursor", e);
        }
    }

    /**
     * Decodes a cursor made by {@link #encode} for a query with this fingerprint into its {@code size} key values.
     *
     * @throws BadParameter when the cursor is garbled or belongs to another query
     */
    public static List<String> decode(String cursor, String fingerprint, int size) {
        List<String> values;
        try {
            values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.strip()), STRINGS);
        } catch (IllegalArgumentException | IOException e) {
            throw new BadParameter("cursor", "is not a cursor this API issued");
        }
        if (values == null || values.size() != size + 1 || values.contains(null)) {
            throw new BadParameter("cursor", "is not a cursor this API issued");
        }
        if (!values.get(0).equals(fingerprint)) {
            throw new BadParameter("cursor", "belongs to a query with other filters or sort; start again without it");
        }
        return values.subList(1, values.size());
    }

    /** A short, stable fingerprint of the parameters a cursor depends on. */
    public static String fingerprint(Object... parts) {
        return Integer.toHexString(Arrays.deepHashCode(parts));
    }
}
