package io.dealflow.security.abuse;

import io.dealflow.security.apikey.ApiKey;
import io.dealflow.security.apikey.Scope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final RateLimiter limiter = new RateLimiter(now::get, RateLimiter.Peers.NONE);

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

    @Test
    void twoNodesTogetherAdmitTheLimitOnceWhetherTrafficIsSplitOrNot() {
        FakePeers table = new FakePeers();
        RateLimiter a = new RateLimiter(now::get, table.node("a"));
        RateLimiter b = new RateLimiter(now::get, table.node("b"));

        ApiKey split = key("split", 100);
        int admitted = 0;
        for (int i = 0; i < 400; i++) {
            if ((i % 2 == 0 ? a : b).retryAfterSeconds(split).isEmpty()) {
                admitted++;
            }
        }
        assertThat(admitted).isBetween(95, 100);

        ApiKey lopsided = key("lopsided", 100);
        int onA = 0;
        for (int i = 0; i < 400; i++) {
            if (a.retryAfterSeconds(lopsided).isEmpty()) {
                onA++;
            }
        }
        assertThat(onA).isBetween(95, 100);
    }

    @Test
    void nodesJoinTheWindowTheFirstOneOpenedAndRefuseUntilItCloses() {
        FakePeers table = new FakePeers();
        RateLimiter a = new RateLimiter(now::get, table.node("a"));
        RateLimiter b = new RateLimiter(now::get, table.node("b"));
        ApiKey key = key("k", 2);
        assertThat(a.retryAfterSeconds(key)).isEmpty();
        advance(Duration.ofSeconds(6));
        assertThat(b.retryAfterSeconds(key)).isEmpty();
        assertThat(b.retryAfterSeconds(key)).hasValue(4);
        advance(Duration.ofSeconds(4));
        assertThat(b.retryAfterSeconds(key)).isEmpty();
    }

    @Test
    void aPeriodicExchangeGivesAnIdleNodesReservationBack() {
        FakePeers table = new FakePeers();
        RateLimiter a = new RateLimiter(now::get, table.node("a"));
        RateLimiter b = new RateLimiter(now::get, table.node("b"));
        ApiKey key = key("shared", 100);
        // b reserves half the key with its first request, then falls silent: the first tick still sees it busy, the
        // second gives the reservation back
        assertThat(b.retryAfterSeconds(key)).isEmpty();
        b.settle();
        b.settle();
        int onA = 0;
        for (int i = 0; i < 200; i++) {
            if (a.retryAfterSeconds(key).isEmpty()) {
                onA++;
            }
        }
        assertThat(onA).isBetween(95, 99);
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toMillis());
    }

    private static ApiKey key(String id, Integer limit) {
        return new ApiKey(id, id, List.of("*"), Set.of(Scope.ADMIN), limit, Instant.EPOCH, null, null);
    }

    /** The tables of {@link SharedRateCounts} in memory, with two live nodes and the test's clock. */
    private final class FakePeers {

        private final Map<String, Long> windows = new ConcurrentHashMap<>();
        private final Map<String, Map<String, RateLimiter.Share>> shares = new ConcurrentHashMap<>();

        RateLimiter.Peers node(String nodeId) {
            return new RateLimiter.Peers() {
                @Override
                public int liveNodes() {
                    return 2;
                }

                @Override
                public RateLimiter.OpenWindow openWindow(String keyId) {
                    long opened = windows.compute(keyId, (id, at) -> at == null || at <= now.get() - 10_000
                            ? now.get() : at);
                    return new RateLimiter.OpenWindow(opened, opened + 10_000 - now.get());
                }

                @Override
                public int reserve(String keyId, long window, int requests, IntUnaryOperator reservationGivenOthers) {
                    synchronized (FakePeers.this) {
                        int reserved = reservationGivenOthers.applyAsInt(others(nodeId, keyId, window));
                        giveBack(new RateLimiter.Share(keyId, window, reserved, requests));
                        return reserved;
                    }
                }

                @Override
                public void giveBack(RateLimiter.Share share) {
                    shares.computeIfAbsent(nodeId, id -> new ConcurrentHashMap<>()).put(share.keyId(), share);
                }
            };
        }

        private int others(String nodeId, String keyId, long window) {
            int reserved = 0;
            for (var entry : shares.entrySet()) {
                RateLimiter.Share share = entry.getValue().get(keyId);
                if (!entry.getKey().equals(nodeId) && share != null && share.window() == window) {
                    reserved += share.reserved();
                }
            }
            return reserved;
        }
    }
}
