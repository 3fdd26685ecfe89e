package io.dealflow.events;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AmountsTest {

    @Test
    void readsPlainAndScientificNumbersBelowTheLimit() {
        assertThat(Amounts.parse("240")).isEqualByComparingTo("240");
        assertThat(Amounts.parse("2.4e2")).isEqualByComparingTo("240");
        assertThat(Amounts.parse("-99999999999999999.99")).isEqualByComparingTo("-99999999999999999.99");
        assertThat(Amounts.parse("0.0000000001")).isEqualByComparingTo("1e-10");
        assertThat(Amounts.parse("1e3").scale()).isZero();
    }

    @Test
    void refusesOverflowNotANumberAndTooManyDecimals() {
        for (String text : new String[]{"1e999999999", "1e17", "-1e17", "NaN", "Infinity", "-Infinity",
                "1e-999999999", "0.00000000001", "0x10", "1_000", "", " ", "1" + "0".repeat(60), "1e1000"}) {
            assertThatThrownBy(() -> Amounts.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(Amounts.EXPECTED);
        }
        assertThatThrownBy(() -> Amounts.checked(new BigDecimal("1e999999999")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
