package io.dealflow.security.abuse;

import io.dealflow.security.apikey.ApiKey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Holds each key to its requests per 10 seconds, on this node alone or across every api node sharing the database.
 *
 * <p>A key's window opens with its first request after the last one closed and lasts 10 seconds; requests over the
 * key's limit within it are refused until it closes.
 *
 * <p>With several api nodes ({@link Peers}) the window is the cluster's: the first node to open it records when, and
 * the others join it. Each node then admits, without asking anyone, only up to its <em>reservation</em>: what it used
 * plus its share ({@code 1/n} over the {@code n} live api nodes) of what the key has left, as it last saw the others'
 * reservations. A reservation is published before it is used, so the others count it as spent. A node that has used
 * its reservation asks again (publishes, reads the others, takes a share of what is left); when nothing is left it
 * refuses until the window closes or the periodic exchange (every second) gives back what idle nodes reserved and did
 * not use. A request costs a database round trip only when it opens a window or exhausts a share, a handful of times
 * per key and window, never per request; the nodes together stay within the limit up to one request per node
 * (shares are rounded up).
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

    /** What this node publishes now: its share of every key whose cluster-wide window is open. */
    List<Share> shares() {
        long now = millis.getAsLong();
        windows.values().removeIf(window -> window.closed(now));
        List<Share> shares = new ArrayList<>();
        for (KeyWindow window : windows.values()) {
            window.share(now).ifPresent(shares::add);
        }
        return shares;
    }

    /**
     * The others' reservations as a periodic exchange read them: a node that admitted nothing of a key since the last
     * exchange gives its unused reservation back; a busy one takes a fresh share of what is left.
     */
    void peersRead(Map<WindowOf, Integer> othersReserved) {
        long now = millis.getAsLong();
        for (KeyWindow window : windows.values()) {
            window.peersRead(now, othersReserved);
        }
    }

    /** A key's cluster-wide window, named by when it opened (epoch milliseconds of the database's clock). */
    record WindowOf(String keyId, long window) {
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
            public int exchange(Share share) {
                return 0;
            }
        };

        /** Api nodes alive at the last periodic exchange, this one included. */
        int liveNodes();

        /** Opens the key's window for every node, or joins the one another node opened less than 10 s ago. */
        OpenWindow openWindow(String keyId);

        /** Publishes this node's share of a key's window and answers what the others reserved in it. */
        int exchange(Share share);
    }

    private final class KeyWindow {

        private final String keyId;
        private boolean open;
        private long openedAt;
        /** The cluster-wide window's id; -1 for a window of this node alone. */
        private long windowId = -1;
        private int requests;
        private int reserved;
        private int requestsAtTick;
        private int othersReserved;
        /** Whether asking the others now could give more: false once an exchange found nothing left. */
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
            if (windowId < 0) {
                if (requests < limit) {
                    requests++;
                    return OptionalLong.empty();
                }
                return OptionalLong.of(retryAfter(now));
            }
            if (requests >= reserved && mayAsk) {
                exchange();
            }
            if (requests >= reserved || requests + othersReserved >= limit) {
                return OptionalLong.of(retryAfter(now));
            }
            requests++;
            return OptionalLong.empty();
        }

        synchronized Optional<Share> share(long now) {
            if (windowId < 0 || now - openedAt >= WINDOW_MILLIS) {
                return Optional.empty();
            }
            return Optional.of(new Share(keyId, windowId, reserved, requests));
        }

        synchronized boolean closed(long now) {
            return !open || now - openedAt >= WINDOW_MILLIS;
        }

        synchronized void peersRead(long now, Map<WindowOf, Integer> reservedByOthers) {
            if (windowId < 0 || now - openedAt >= WINDOW_MILLIS) {
                return;
            }
            othersReserved = reservedByOthers.getOrDefault(new WindowOf(keyId, windowId), 0);
            boolean busy = requests > requestsAtTick;
            requestsAtTick = requests;
            reserved = requests;
            mayAsk = true;
            if (busy) {
                reserve();
            }
        }

        /** Opens this node's next window: the cluster's when there are other api nodes, else its own. */
        private void openWindow(long now) {
            open = true;
            requests = 0;
            reserved = 0;
            requestsAtTick = 0;
            othersReserved = 0;
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

        /** Publishes, reads the others, takes a new share and publishes it before using it. */
        private void exchange() {
            try {
                othersReserved = peers.exchange(new Share(keyId, windowId, reserved, requests));
            } catch (RuntimeException unreachable) {
                mayAsk = false;
                return;
            }
            int before = reserved;
            reserve();
            mayAsk = reserved > before;
            if (reserved > before) {
                try {
                    othersReserved = peers.exchange(new Share(keyId, windowId, reserved, requests));
                } catch (RuntimeException unreachable) {
                    // Not published: taken back, so no other node is surprised by it.
                    reserved = before;
                    mayAsk = false;
                }
            }
        }

        /** Sets the reservation to what is used plus this node's share of what is left. */
        private void reserve() {
            int left = limit - Math.max(requests, reserved) - othersReserved;
            int share = left < 1 ? 0 : (left + peers.liveNodes() - 1) / peers.liveNodes();
            reserved = Math.max(reserved, requests + share);
        }

        /** Seconds until the window closes; at least one. */
        private long retryAfter(long now) {
            long remainingMillis = WINDOW_MILLIS - (now - openedAt);
            return Math.max(1, (remainingMillis + 999) / 1000);
        }
    }
}
