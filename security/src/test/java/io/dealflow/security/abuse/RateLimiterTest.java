package io.dealflow.security.abuse;

import io.dealflow.security.apikey.ApiKey;
import io.dealflow.security.apikey.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RateLimiter limiter = new RateLimiter(now::get);

    @Test
    void allowsTheLimitWithinTenSecondsAndRefusesTheNextUntilTheWindowCloses() {
        ApiKey key = key("k1", 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.retryAfterSeconds(key)).isEmpty();
        }
        advance(Duration.ofMillis(2_500));
        assertThat(limiter.retryAfterSeconds(key)).hasValue(8);
        advance(Duration.ofMillis(7_500));
        assertThat(limiter.retryAfterSeconds(key)).isEmpty();
    }

    @Test
    void countsEachKeyOnItsOwn() {
        ApiKey busy = key("busy", 1);
        ApiKey quiet = key("quiet", 1);
        assertThat(limiter.retryAfterSeconds(busy)).isEmpty();
        assertThat(limiter.retryAfterSeconds(busy)).isPresent();
        assertThat(limiter.retryAfterSeconds(quiet)).isEmpty();
    }

    @Test
    void neverLimitsKeysWithoutALimit() {
        ApiKey operator = key("operator", null);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.retryAfterSeconds(operator)).isEmpty();
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private static ApiKey key(String id, Integer limit) {
        return new ApiKey(id, id, List.of("*"), Set.of(Scope.ADMIN), limit, Instant.EPOCH, null, null);
    }
}
