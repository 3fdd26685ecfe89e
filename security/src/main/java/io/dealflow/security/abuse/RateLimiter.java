package io.dealflow.security.abuse;

import io.dealflow.security.apikey.ApiKey;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Counts each key's requests in windows of 10 seconds (a window opens with the key's first request after the last
 * one closed) and refuses those over the key's limit until the window closes. Counts live in this JVM: with several
 * instances behind a balancer, each allows the limit.
 */
public class RateLimiter {

    static final Duration WINDOW = Duration.ofSeconds(10);

    private final LongSupplier nanoTime;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimiter() {
        this(System::nanoTime);
    }

    RateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Counts a request of this key; empty when it may go on, else the seconds to wait before retrying. */
    public OptionalLong retryAfterSeconds(ApiKey key) {
        Integer limit = key.rateLimitPer10s();
        if (limit == null) {
            return OptionalLong.empty();
        }
        return windows.computeIfAbsent(key.id(), id -> new Window()).count(nanoTime.getAsLong(), limit);
    }

    private static final class Window {

        private long openedAt;
        private int requests;
        private boolean open;

        synchronized OptionalLong count(long now, int limit) {
            if (!open || now - openedAt >= WINDOW.toNanos()) {
                open = true;
                openedAt = now;
                requests = 0;
            }
            if (requests < limit) {
                requests++;
                return OptionalLong.empty();
            }
            long remainingNanos = WINDOW.toNanos() - (now - openedAt);
            return OptionalLong.of(Math.max(1, (remainingNanos + 999_999_999L) / 1_000_000_000L));
        }
    }
}
