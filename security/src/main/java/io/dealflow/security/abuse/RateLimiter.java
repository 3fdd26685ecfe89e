package io.dealflow.security.abuse;

import io.dealflow.security.apikey.ApiKey;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Holds each key to its requests per 10 seconds, on this node alone or across every api node sharing the database.
 *
 * <p>A key's window opens with its first request after the last one closed and lasts 10 seconds; requests over the
 * key's limit within it are refused until it closes.
 *
 * <p>With several api nodes ({@link Peers}) the window is the cluster's: the first node to open it records when, and
 * the others join it. Each node then admits, without asking anyone, only up to its <em>reservation</em>. A node that
 * has used its reservation takes a new one: what it used plus its share ({@code 1/n} over the {@code n} live api
 * nodes) of what the others have not reserved. Reservations are taken one node at a time per key ({@link
 * Peers#reserve}), each seeing every other's latest, so together they never exceed the limit; two nodes reserving at
 * once from each other's stale figures would together reserve more than the limit and then, each counting the other's
 * unused reservation as spent, admit less. When nothing is left a node refuses until the window closes or the periodic
 * exchange (every second) has idle nodes give back what they reserved and did not use. A request costs a database
 * round trip only when it opens a window or exhausts a share, a handful of times per key and window, never per
 * request.
 */
public class RateLimiter {

    static final Duration WINDOW = Duration.ofSeconds(10);
    private static final long WINDOW_MILLIS = WINDOW.toMillis();

    private final LongSupplier millis;
    private final Map<String, KeyWindow> windows = new ConcurrentHashMap<>();
    private volatile Peers peers;

    /** A limiter counting on this node alone. */
    public RateLimiter() {
        this(System::currentTimeMillis, Peers.NONE);
    }

    RateLimiter(LongSupplier millis, Peers peers) {
        this.millis = millis;
        this.peers = peers;
    }

    /** Counts a request of this key; empty when it may go on, else the seconds to wait before retrying. */
    public OptionalLong retryAfterSeconds(ApiKey key) {
        Integer limit = key.rateLimitPer10s();
        if (limit == null) {
            return OptionalLong.empty();
        }
        return windows.computeIfAbsent(key.id(), KeyWindow::new).count(millis.getAsLong(), limit);
    }

    /** Shares the limit with the other api nodes from now on. */
    void shareThrough(Peers sharedPeers) {
        this.peers = sharedPeers;
    }

    /**
     * The periodic exchange's part, once a second: a node that admitted nothing of a key since the last one gives back
     * what it reserved and did not use, and every node may ask again, since others may have given some back.
     */
    void settle() {
        long now = millis.getAsLong();
        windows.values().removeIf(window -> window.closed(now));
        for (KeyWindow window : windows.values()) {
            window.settle(now);
        }
    }

    /** What one node published for one key's window. */
    record Share(String keyId, long window, int reserved, int requests) {
    }

    /** A cluster-wide window as the database answered it: its id and how long it still lasts. */
    record OpenWindow(long id, long remainingMillis) {
    }

    /** The other api nodes, as seen through the database. */
    interface Peers {

        /** No other node: the limit holds on this node alone. */
        Peers NONE = new Peers() {
            @Override
            public int liveNodes() {
                return 1;
            }

            @Override
            public OpenWindow openWindow(String keyId) {
                throw new UnsupportedOperationException("no peers");
            }

            @Override
            public int reserve(String keyId, long window, int requests, IntUnaryOperator reservationGivenOthers) {
                throw new UnsupportedOperationException("no peers");
            }

            @Override
            public void giveBack(Share share) {
                throw new UnsupportedOperationException("no peers");
            }
        };

        /** Api nodes alive at the last periodic exchange, this one included. */
        int liveNodes();

        /** Opens the key's window for every node, or joins the one another node opened less than 10 s ago. */
        OpenWindow openWindow(String keyId);

        /**
         * Takes a new reservation in the key's window while no other node takes one: reads what the others reserved,
         * publishes what {@code reservationGivenOthers} makes of it, and answers that reservation.
         */
        int reserve(String keyId, long window, int requests, IntUnaryOperator reservationGivenOthers);

        /** Publishes a smaller reservation than the last one; the others may only have counted too much meanwhile. */
        void giveBack(Share share);
    }

    private final class KeyWindow {

        private final String keyId;
        private boolean open;
        private long openedAt;
        /** The cluster-wide window's id; -1 for a window of this node alone. */
        private long windowId = -1;
        private int requests;
        private int reserved;
        private int requestsAtSettle;
        /** Whether asking the others now could give more: false once a reservation found nothing left. */
        private boolean mayAsk = true;
        private int limit = -1;

        KeyWindow(String keyId) {
            this.keyId = keyId;
        }

        synchronized OptionalLong count(long now, int keyLimit) {
            limit = keyLimit;
            if (!open || now - openedAt >= WINDOW_MILLIS) {
                openWindow(now);
            }
            int allowed = windowId < 0 ? limit : reserved;
            if (windowId >= 0 && requests >= reserved && mayAsk) {
                allowed = reserve();
            }
            if (requests >= allowed) {
                return OptionalLong.of(retryAfter(now));
            }
            requests++;
            return OptionalLong.empty();
        }

        synchronized boolean closed(long now) {
            return !open || now - openedAt >= WINDOW_MILLIS;
        }

        synchronized void settle(long now) {
            if (windowId < 0 || closed(now)) {
                return;
            }
            boolean idle = requests == requestsAtSettle;
            requestsAtSettle = requests;
            mayAsk = true;
            if (idle && reserved > requests) {
                try {
                    peers.giveBack(new Share(keyId, windowId, requests, requests));
                    reserved = requests;
                } catch (RuntimeException unreachable) {
                    // Not published: the others still count it, so this node keeps it.
                }
            }
        }

        /** Opens this node's next window: the cluster's when there are other api nodes, else its own. */
        private void openWindow(long now) {
            open = true;
            requests = 0;
            reserved = 0;
            requestsAtSettle = 0;
            mayAsk = true;
            windowId = -1;
            openedAt = now;
            if (peers.liveNodes() <= 1) {
                return;
            }
            try {
                OpenWindow window = peers.openWindow(keyId);
                windowId = window.id();
                openedAt = now - (WINDOW_MILLIS - window.remainingMillis());
            } catch (RuntimeException unreachable) {
                // Without the database the node counts on its own until the window closes.
            }
        }

        /** Takes a new reservation: what is used plus this node's share of what the others left; answers it. */
        private int reserve() {
            int before = reserved;
            try {
                reserved = peers.reserve(keyId, windowId, requests, othersReserved -> {
                    int left = limit - before - othersReserved;
                    return before + (left < 1 ? 0 : (left + peers.liveNodes() - 1) / peers.liveNodes());
                });
            } catch (RuntimeException unreachable) {
                // Nothing was published: the node keeps to what it had until the next periodic exchange.
                reserved = before;
            }
            mayAsk = reserved > before;
            return reserved;
        }

        /** Seconds until the window closes; at least one. */
        private long retryAfter(long now) {
            long remainingMillis = WINDOW_MILLIS - (now - openedAt);
            return Math.max(1, (remainingMillis + 999) / 1000);
        }
    }
}
