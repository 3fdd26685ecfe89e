package io.dealflow.webhooks.delivery;

import io.dealflow.webhooks.WebhookProperties;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts: the initial delay doubled per failed attempt, capped, then drawn at random from its upper
 * half, so receivers coming back up are not hit by every queued delivery at the same instant.
 */
final class Backoff {

    private final long initialMillis;
    private final long maxMillis;

    Backoff(WebhookProperties.Retry retry) {
        this.initialMillis = Math.max(1, retry.initialDelay().toMillis());
        this.maxMillis = Math.max(initialMillis, retry.maxDelay().toMillis());
    }

    /** The wait after the {@code failures}-th failed attempt in a row (1 for the first). */
    Duration after(int failures) {
        long wait = initialMillis;
        for (int failure = 1; failure < failures && wait < maxMillis; failure++) {
            wait *= 2;
        }
        wait = Math.min(wait, maxMillis);
        long half = wait / 2;
        return Duration.ofMillis(wait - half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
