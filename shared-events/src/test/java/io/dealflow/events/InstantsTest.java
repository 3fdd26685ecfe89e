package io.dealflow.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantsTest {

    @Test
    void readsInstantsOffsetsAndDatesInsideTheYearsOneTo9999() {
        assertThat(Instants.parse("2026-01-05T09:30:00Z")).isEqualTo(Instant.parse("2026-01-05T09:30:00Z"));
        assertThat(Instants.parse(" 2026-01-05T11:30:00+02:00 ")).isEqualTo(Instant.parse("2026-01-05T09:30:00Z"));
        assertThat(Instants.parse("2026-01-05")).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(Instants.parse("0001-01-01T00:00:00Z")).isEqualTo(Instants.EARLIEST);
        assertThat(Instants.parse("9999-12-31T23:59:59.999999Z")).isBefore(Instants.END);
    }

    @Test
    void refusesWhatLiesOutsideOrIsNoInstant() {
        for (String text : new String[]{"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
                "0000-12-31T23:59:59Z", "10000-01-01", "9999-12-31T23:00:00-05:00", "yesterday", "",
                "2026-01-05T09:30:00Z" + " ".repeat(100) + "x", "2026-02-30"}) {
            assertThatThrownBy(() -> Instants.parse(text)).as(text).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(Instants.EXPECTED);
        }
        assertThatThrownBy(() -> Instants.ofEpochMilli(999_999_999_999_999L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Instants.ofEpochMilli(0)).isEqualTo(Instant.EPOCH);
    }
}
