package io.dealflow.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a hostile client puts where the API expects text, numbers, instants or cursors, as jqwik arbitraries: the
 * classic troublemakers (NUL, unpaired surrogates, control characters, huge strings, emoji, path traversal, SQL and
 * JSON metacharacters, numbers and instants beyond every range, forged cursors) mixed with random text.
 */
final class HostileValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> TEXT = List.of(
            "\u0000", "a\u0000b", "\uD800", "x\uDC00", "\uDBFF\uDBFF", "\uDFFF\uD800",
            "\u0001\u0002\u001F\u007F", "\t", "\u0085\u2028\u2029", "\u202Eevil", "\uFEFF", "\uFFFE\uFFFF",
            "\uD83D\uDE80", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "e\u0301\u0301\u0301", "\u0130\u0131ß",
            "../../../../etc/passwd", "..\\..\\windows", "%2e%2e%2f", "/", "\\", ".", "..",
            "'; DROP TABLE event_store.domain_event_entry; --", "' OR '1'='1", "\" OR 1=1 --", "%", "_", "*",
            "\\0", "$1", "{}", "[]", "{\"$ne\":null}", "\"", "\\\"", "}{", "null", "true", "-", " ", "",
            "<script>alert(1)</script>", "${jndi:ldap://x/a}", "#{1+1}", "x".repeat(255), "x".repeat(256),
            "x".repeat(300_000), "\uD83D\uDE80".repeat(20_000), "\u0000".repeat(1000));

    private static final List<String> NUMBERS = List.of(
            "1e999999999", "-1e999999999", "1e-999999999", "-0", "-0.0", "0e0", "NaN", "Infinity", "-Infinity",
            "99999999999999999999999999999999999999", "9223372036854775808", "-9223372036854775809",
            "2147483648", "-2147483649", "-1", "0", "1.5", "0.001", "1e3", "1E+2",
            "1." + "0".repeat(398) + "1", "0." + "9".repeat(400), "9".repeat(400), "9".repeat(5000),
            "1_000", "0x1F", "+1", "1,5", " 1", "1 ", "-", "\u0661\u0662\u0663", "\uFF11\uFF12\uFF13", "1\u0000");

    private static final List<String> INSTANTS = List.of(
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
            "1970-01-01T00:00:00Z", "2026-13-45T25:61:61Z", "2026-02-30T00:00:00Z", "2026-01-05T09:30:00+25:00",
            "2026-01-05T09:30:00.1234567890123Z", "2026-01-05", "2026-01-05T09:30:00", "12-31-2026", "99-99-9999",
            "yesterday", "now", "P1D", "T", "Z", "-1", "99999999999999999999", "1e400", "1767606600000",
            "2026-01-05T09:30:00Z\u0000", "\u0662\u0660\u0662\u0666-01-05T09:30:00Z");

    private static final List<String> JSON_OF_WRONG_TYPE = List.of(
            "123", "-1", "1.5", "true", "false", "null", "[]", "[1]", "[null]", "[\"x\",1]", "{}", "{\"a\":1}",
            "{\"\\u0000\":\"\\u0000\"}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]",
            "[".repeat(3000) + "]".repeat(3000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000));

    private static final List<String> MALFORMED_JSON = List.of(
            "", " ", "{", "}", "[", "{\"name\":}", "{\"name\":\"x\"", "{\"name\":\"x\"}garbage", "{name:\"x\"}",
            "{'name':'x'}", "{\"name\":\"x\",}", "nul", "tru", "NaN", "\u0000", "{\"name\":\"\\u00\"}",
            "{\"name\":\"\\uD800\"}", "{\"name\":\"\\x41\"}", "{\"a\":1,\"a\":2}", "\"just a string\"", "42", "[]",
            "[{}]", "null", "{\"name\":\"" + "x".repeat(1_500_000) + "\"}", "[".repeat(100_000));

    private HostileValues() {
    }

    /** Text that is hard to store, compare, log or echo. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(TEXT)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withCharRange('\u0000', '\u001F').ofMinLength(1)
                        .ofMaxLength(5)));
    }

    /** Numbers as text: beyond every range, negative zero, not-a-number, hundreds of digits, foreign digits. */
    static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.of(NUMBERS),
                Arbitraries.bigIntegers().between(new BigInteger("-1" + "0".repeat(60)),
                        new BigInteger("1" + "0".repeat(60))).map(Object::toString));
    }

    /** Instants and dates out of range, out of calendar, in other formats, or not instants at all. */
    static Arbitrary<String> instants() {
        return Arbitraries.oneOf(Arbitraries.of(INSTANTS), text());
    }

    /**
     * Forged cursors: random base64, base64 of JSON with NUL keys and extreme values, and the given real cursors
     * (JSON arrays of strings in url-safe base64) with one value replaced by a hostile one.
     */
    static Arbitrary<String> cursors(List<String> realCursors) {
        Arbitrary<String> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(80)
                .map(bytes -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        Arbitrary<String> hostileJson = Arbitraries.of(
                        "{\"\\u0000\":1}", "[\"\\u0000\",\"\\u0000\"]", "[\"x\",\"+999999999-12-31T23:59:59Z\",\"1\"]",
                        "[\"x\",\"1e999999999\",\"-9223372036854775809\"]", "[\"x\",null,null]", "[1,2,3]", "[]",
                        "null", "{}", "[\"x\",\"" + "9".repeat(400) + "\",\"\\uD800\"]", "[[[[]]]]")
                .map(HostileValues::base64);
        Arbitrary<String> oddText = Arbitraries.of("", "=", "====", "%%%%", "a", "!!!", "x".repeat(10_000),
                Base64.getEncoder().encodeToString("[\"a\",\"b\"]".getBytes(StandardCharsets.UTF_8)));
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(randomBytes, hostileJson, oddText));
        if (!realCursors.isEmpty()) {
            choices.add(Combinators.combine(Arbitraries.of(realCursors), Arbitraries.integers()
                    .between(1, 5), Arbitraries.oneOf(text(), numbers(), instants())).as(HostileValues::forge));
        }
        return Arbitraries.oneOf(choices);
    }

    /** A JSON value to put in a body field: hostile text, numbers and instants, or a value of the wrong type. */
    static Arbitrary<String> jsonValues(List<String> realCursors) {
        return Arbitraries.frequencyOf(
                Tuple.of(4, text().map(HostileValues::quote)),
                Tuple.of(3, Arbitraries.of(NUMBERS)
                        .map(n -> n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? n : quote(n))),
                Tuple.of(2, instants().map(HostileValues::quote)),
                Tuple.of(1, cursors(realCursors).map(HostileValues::quote)),
                Tuple.of(3, Arbitraries.of(JSON_OF_WRONG_TYPE)));
    }

    /** Bodies that are not JSON, or not the JSON an operation takes. */
    static Arbitrary<byte[]> malformedBodies() {
        return Arbitraries.oneOf(
                Arbitraries.of(MALFORMED_JSON).map(text -> text.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.of(new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"',
                        '}'}, new byte[]{'{', '"', (byte) 0xC0, (byte) 0x80, '"', ':', '1', '}'},
                        new byte[]{'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                                '"', '}'}));
    }

    /**
     * A value as it goes into a URL: the UTF-8 of hostile text, percent-encoded, or a raw fragment (invalid escapes,
     * encoded slashes and NULs, bytes that are not UTF-8, characters a URL may not hold).
     */
    static Arbitrary<String> urlValues(Arbitrary<String> text) {
        return Arbitraries.frequencyOf(
                Tuple.of(5, text.map(HostileValues::percentEncode)),
                Tuple.of(1, Arbitraries.of("%", "%zz", "%0", "%00", "a%00b", "%2F", "%2f..%2f", "%5C",
                        "%25", "%FF", "%C0%80", "%C0%AF", "%ED%A0%80", "%F4%90%80%80", "..", "..%2F..", ";", ";a=b",
                        "%3B", "a b", "<x>", "\"", "{x}", "|", "^", "`", "\u00E9", "\uD83D\uDE80", "#frag", "?")));
    }

    /** A JSON string literal holding the text, every character outside printable ASCII escaped (lone surrogates too). */
    static String quote(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append(String.format("\\u%04X", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Percent-encodes every byte of the text's UTF-8 except unreserved characters (lone surrogates become '?'). */
    static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '_' || c == '.' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String forge(String realCursor, int position, String value) {
        try {
            ArrayNode values = (ArrayNode) JSON.readTree(Base64.getUrlDecoder().decode(realCursor));
            values.set(Math.min(position, values.size() - 1), value);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return realCursor + position;
        }
    }
}
