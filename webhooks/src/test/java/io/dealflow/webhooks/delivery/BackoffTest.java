package io.dealflow.webhooks.delivery;

import io.dealflow.webhooks.WebhookProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(
            new WebhookProperties.Retry(Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofHours(24)));

    @Test
    void doublesPerFailureWithinTheUpperHalf() {
        for (int run = 0; run < 100; run++) {
            assertThat(backoff.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(backoff.after(2)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(backoff.after(5)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
        }
    }

    @Test
    void neverWaitsLongerThanTheMaximum() {
        assertThat(backoff.after(40)).isBetween(Duration.ofMinutes(30), Duration.ofHours(1));
        assertThat(backoff.after(Integer.MAX_VALUE)).isLessThanOrEqualTo(Duration.ofHours(1));
    }
}
