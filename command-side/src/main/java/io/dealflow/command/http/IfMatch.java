package io.dealflow.command.http;

import org.springframework.web.server.ServerWebInputException;

/**
 * Reads the {@code If-Match} header of a command: {@code "3"}, {@code W/"3"} or {@code 3} all mean version 3.
 */
public final class IfMatch {

    /** The header name. */
    public static final String HEADER = "If-Match";

    private IfMatch() {
    }

    /** The version the client expects, or null when it sent no {@code If-Match}. */
    public static Long expectedVersion(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            long version = Long.parseLong(value);
            if (version < 1) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new ServerWebInputException("If-Match must be a version in quotes, e.g. \"3\"");
        }
    }
}
