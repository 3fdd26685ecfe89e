package io.dealflow.query.asof;

import io.dealflow.query.http.BadParameter;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsOfTest {

    @Test
    void readsInstantsOffsetsAndDates() {
        assertThat(AsOf.parse("2026-01-05T09:30:00.123Z")).isEqualTo(Instant.parse("2026-01-05T09:30:00.123Z"));
        assertThat(AsOf.parse("2026-01-05T10:30:00+01:00")).isEqualTo(Instant.parse("2026-01-05T09:30:00Z"));
        assertThat(AsOf.parse("2026-01-05")).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
        assertThat(AsOf.parse(null)).isNull();
        assertThat(AsOf.parse(" ")).isNull();
    }

    @Test
    void refusesWhatIsNeitherAnInstantNorADate() {
        for (String value : new String[]{"yesterday", "2026-13-01", "2026-01-05T25:00:00Z", "12:00",
                "+20000-01-01T00:00:00Z", "1700000000"}) {
            assertThatThrownBy(() -> AsOf.parse(value)).as(value).isInstanceOf(BadParameter.class)
                    .extracting(e -> ((BadParameter) e).parameter()).isEqualTo("asOf");
        }
    }
}
