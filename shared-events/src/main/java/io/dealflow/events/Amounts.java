package io.dealflow.events;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The decimal numbers dealflow accepts from clients where it compares them with amounts of money: plain or
 * scientific notation, less than 10^17 in magnitude, at most 10 decimals. Money columns are {@code NUMERIC(19, 2)};
 * {@code 1e999999999}, {@code NaN} or {@code Infinity} would overflow them or the arithmetic on them, and a bound
 * that no stored amount can reach is better refused than silently rounded.
 */
public final class Amounts {

    /** The first magnitude no longer accepted. */
    public static final BigDecimal LIMIT = new BigDecimal("1e17");
    /** What every refusal says. */
    public static final String EXPECTED = "must be a decimal number below 10^17 in magnitude with at most 10 decimals";

    private static final int MAX_SCALE = 10;
    // Digits, an optional fraction and exponent; no NaN, Infinity, hex or blanks. Long texts are refused unparsed.
    private static final Pattern NUMBER = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]{1,3})?");
    private static final int MAX_LENGTH = 40;

    private Amounts() {
    }

    /**
     * A decimal number in the accepted range.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} otherwise
     */
    public static BigDecimal parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || !NUMBER.matcher(value).matches()) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return checked(new BigDecimal(value));
    }

    /**
     * The number itself when it lies in the range.
     *
     * @throws IllegalArgumentException with {@link #EXPECTED} otherwise
     */
    public static BigDecimal checked(BigDecimal number) {
        if (number.abs().compareTo(LIMIT) >= 0) {
            throw new IllegalArgumentException(EXPECTED);
        }
        BigDecimal plain = number.stripTrailingZeros();
        if (plain.scale() > MAX_SCALE) {
            throw new IllegalArgumentException(EXPECTED);
        }
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
}
