package io.dealflow.query.audit.verify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The hash chain of an audit export (docs/audit.md). Each line is an event's canonical JSON with one more member,
 * {@code chainHash} = lowercase hex SHA-256 of (the previous line's chainHash, as 64 ASCII characters, followed by
 * the canonical JSON bytes of this line without chainHash); the first line chains from 64 zeros.
 *
 * <p>Canonical JSON: UTF-8; no whitespace; object members sorted by name (Java {@code String} order, i.e. UTF-16 code
 * units); strings escaped as Jackson writes them ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control
 * characters as <code>&#92;u00XX</code>, everything else literal); integers in plain decimal digits; any other number
 * as {@code BigDecimal.toPlainString()} of its literal (so {@code 1.50} stays {@code 1.50}, {@code 1e2} becomes
 * {@code 100}); {@code true}, {@code false}, {@code null}.
 */
public final class ExportChain {

    /** What the first line chains from. */
    public static final String GENESIS = "0".repeat(64);
    /** The member of each line holding its chain hash. */
    public static final String CHAIN_HASH = "chainHash";

    private static final ObjectMapper JSON = JsonMapper.builder()
            // Decimals keep their scale as written: 2.50 stays 2.50.
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private String previous = GENESIS;

    /** The chain hash of the last line made (or {@link #GENESIS} before the first). */
    public String head() {
        return previous;
    }

    /** The next export line (without its newline) for an event, chained to the lines made before it. */
    public byte[] line(ObjectNode event) {
        byte[] canonical = canonical(event);
        previous = hash(previous, canonical);
        String suffix = ",\"" + CHAIN_HASH + "\":\"" + previous + "\"}";
        byte[] line = new byte[canonical.length - 1 + suffix.length()];
        System.arraycopy(canonical, 0, line, 0, canonical.length - 1);
        System.arraycopy(suffix.getBytes(StandardCharsets.US_ASCII), 0, line, canonical.length - 1, suffix.length());
        return line;
    }

    /** Parses JSON the way the verifier does: exact decimals, duplicate members and trailing tokens refused. */
    public static JsonNode parse(byte[] json) throws IOException {
        return JSON.readTree(json);
    }

    /** The canonical JSON bytes of a value. */
    public static byte[] canonical(JsonNode value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            write(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Lowercase hex SHA-256 of the previous chain hash's ASCII bytes followed by {@code canonical}. */
    public static String hash(String previous, byte[] canonical) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previous.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static void write(JsonNode value, JsonGenerator out) throws IOException {
        switch (value.getNodeType()) {
            case OBJECT -> {
                out.writeStartObject();
                List<String> names = new ArrayList<>();
                Iterator<String> fieldNames = value.fieldNames();
                fieldNames.forEachRemaining(names::add);
                names.sort(null);
                for (String name : names) {
                    out.writeFieldName(name);
                    write(value.get(name), out);
                }
                out.writeEndObject();
            }
            case ARRAY -> {
                out.writeStartArray();
                for (JsonNode element : value) {
                    write(element, out);
                }
                out.writeEndArray();
            }
            case STRING -> out.writeString(value.textValue());
            case NUMBER -> out.writeNumber(value.isIntegralNumber() ? value.bigIntegerValue().toString()
                    : value.decimalValue().toPlainString());
            case BOOLEAN -> out.writeBoolean(value.booleanValue());
            case NULL -> out.writeNull();
            default -> throw new IllegalArgumentException("not a JSON value: " + value.getNodeType());
        }
    }
}
