package io.dealflow.query.audit.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Checks an audit export offline, without a database: recomputes every line's chain hash from the line before and
 * names the first line that does not match (altered, missing, added or moved lines all break the chain there).
 * Run as {@code java -jar dealflow-standalone.jar verify-export FILE}.
 */
public final class ExportVerifier {

    /** Exit code of a file whose chain holds. */
    public static final int VALID = 0;
    /** Exit code of a file with a broken line. */
    public static final int BROKEN = 1;
    /** Exit code when the file cannot be read or no file was named. */
    public static final int UNREADABLE = 2;

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private ExportVerifier() {
    }

    /** The outcome of checking one export: valid with its line count and final hash, or the first broken line. */
    public record Result(boolean valid, long lines, String lastChainHash, long brokenLine, String reason) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Verifies the file named by {@code args[0]}, reports on {@code out}, and answers the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: verify-export FILE   (an NDJSON file from GET /api/v1/locations/{id}/audit/export)");
            return UNREADABLE;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(Path.of(args[0]));
        } catch (NoSuchFileException e) {
            err.println("no such file: " + args[0]);
            return UNREADABLE;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return UNREADABLE;
        }
        Result result = verify(content);
        if (result.valid()) {
            out.println("valid: " + result.lines() + " lines, last chainHash " + result.lastChainHash());
            return VALID;
        }
        out.println("broken at line " + result.brokenLine() + ": " + result.reason());
        return BROKEN;
    }

    /** Verifies an export's bytes; lines are separated by {@code \n}, the last one may end with it. */
    public static Result verify(byte[] content) {
        String previous = ExportChain.GENESIS;
        long number = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            number++;
            byte[] line = Arrays.copyOfRange(content, start, end);
            String failure = check(line, previous);
            if (failure != null) {
                return new Result(false, number - 1, previous, number, failure);
            }
            previous = chainHash(line);
            start = end + 1;
        }
        return new Result(true, number, previous, 0, null);
    }

    private static String check(byte[] line, String previous) {
        JsonNode parsed;
        try {
            parsed = ExportChain.parse(line);
        } catch (JsonProcessingException e) {
            return "not valid JSON (" + e.getOriginalMessage() + ")";
        } catch (IOException e) {
            return "not valid JSON";
        }
        if (!(parsed instanceof ObjectNode event)) {
            return "not a JSON object";
        }
        JsonNode stated = event.remove(ExportChain.CHAIN_HASH);
        if (stated == null || !stated.isTextual() || !HASH.matcher(stated.textValue()).matches()) {
            return "no chainHash of 64 lowercase hex digits";
        }
        String expected = ExportChain.hash(previous, ExportChain.canonical(event));
        if (!expected.equals(stated.textValue())) {
            return "chainHash does not match this line and the line before it (a line was changed, removed,"
                    + " added or moved here)";
        }
        return null;
    }

    private static String chainHash(byte[] line) {
        try {
            return ExportChain.parse(line).get(ExportChain.CHAIN_HASH).textValue();
        } catch (IOException e) {
            throw new IllegalStateException("a checked line no longer parses", e);
        }
    }
}
