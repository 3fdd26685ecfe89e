package io.dealflow.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.Amounts;
import io.dealflow.events.Instants;
import io.dealflow.events.StorableText;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Opaque keyset cursors: the sort values of the last item a page showed, and a fingerprint of the query that made
 * them, so a cursor is only ever used with the query it came from. Clients pass them back unchanged, but nothing stops
 * them from forging one, so a cursor is read strictly (base64, a JSON array of strings, then each key by its type and
 * range) and anything else is a {@link BadParameter}, never a server error. A forged cursor that passes only moves
 * where a page of the client's own location starts.
 */
public final class Cursor {

    private static final String NOT_ISSUED = "is not a cursor this API issued";
    // Far longer than any cursor we issue (sort value, id and fingerprint); refused before decoding.
    private static final int MAX_LENGTH = 4096;
    // Longest key text: a lower-cased name of up to 255 characters can grow a little, ids are shorter.
    private static final int MAX_KEY_LENGTH = 1024;
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
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
     * Decodes a cursor made by {@link #encode} for a query with this fingerprint into its {@code size} key values,
     * each a text without control characters or broken surrogates; read them with the typed accessors of
     * {@link Keys}.
     *
     * @throws BadParameter when the cursor is garbled or belongs to another query
     */
    public static Keys decode(String cursor, String fingerprint, int size) {
        if (cursor.length() > MAX_LENGTH) {
            throw new BadParameter("cursor", NOT_ISSUED);
        }
        List<String> values;
        try {
            values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.strip()), STRINGS);
        } catch (IllegalArgumentException | IOException e) {
            throw new BadParameter("cursor", NOT_ISSUED);
        }
        if (values == null || values.size() != size + 1 || values.contains(null)
                || !values.stream().allMatch(Cursor::plainText)) {
            throw new BadParameter("cursor", NOT_ISSUED);
        }
        if (!values.get(0).equals(fingerprint)) {
            throw new BadParameter("cursor", "belongs to a query with other filters or sort; start again without it");
        }
        return new Keys(List.copyOf(values.subList(1, values.size())));
    }

    /** A short, stable fingerprint of the parameters a cursor depends on. */
    public static String fingerprint(Object... parts) {
        return Integer.toHexString(Arrays.deepHashCode(parts));
    }

    /** Text PostgreSQL and the API can hold: bounded, no control characters (NUL above all), no lone surrogates. */
    private static boolean plainText(String text) {
        return text.length() <= MAX_KEY_LENGTH && text.chars().noneMatch(Character::isISOControl)
                && StorableText.fault(text) == null;
    }

    /** The key values of a decoded cursor, each read by the type its query expects. */
    public record Keys(List<String> values) {

        /** The key as text (an id or a name key). */
        public String text(int index) {
            return values.get(index);
        }

        /** The key as an instant in the years 0001 to 9999. */
        public Instant instant(int index) {
            try {
                return Instants.checked(Instant.parse(values.get(index)));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new BadParameter("cursor", NOT_ISSUED);
            }
        }

        /** The key as an instant, in UTC, as the read models' {@code TIMESTAMPTZ} columns take it. */
        public OffsetDateTime timestamp(int index) {
            return OffsetDateTime.ofInstant(instant(index), ZoneOffset.UTC);
        }

        /** The key as an amount, bounded as amount parameters are. */
        public BigDecimal decimal(int index) {
            try {
                return Amounts.parse(values.get(index));
            } catch (IllegalArgumentException e) {
                throw new BadParameter("cursor", NOT_ISSUED);
            }
        }

        /** The key as a position: a sequence number or a global index, zero or more. */
        public long position(int index) {
            String value = values.get(index);
            if (!POSITION.matcher(value).matches()) {
                throw new BadParameter("cursor", NOT_ISSUED);
            }
            return Long.parseLong(value);
        }
    }
}
