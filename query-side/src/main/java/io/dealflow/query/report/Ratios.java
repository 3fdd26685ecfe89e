package io.dealflow.query.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How the reports state ratios and money: ratios as decimals with 4 places, money with 2, both rounded half up from
 * the exact value.
 */
final class Ratios {

    static final int RATIO_SCALE = 4;
    static final int MONEY_SCALE = 2;

    private Ratios() {
    }

    /** {@code part / whole} rounded to 4 places; null when {@code whole} is 0. */
    static BigDecimal of(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    /** An amount rounded to cents. */
    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }
}
