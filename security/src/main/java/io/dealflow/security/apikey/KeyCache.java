package io.dealflow.security.apikey;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Stored keys by the hash of their secret (never the secret), kept for a short time so that most requests need no
 * database read. Only keys that exist are kept, revoked ones included (a revocation is never undone). Entries are
 * added only while this instance listens for key changes ({@link #listening()}); a change evicts its key, and losing
 * the listener empties the cache, so a revocation holds within the notification's delivery time and, should
 * notifications be lost anyway, within the time-to-live.
 */
final class KeyCache {

    /** Bounds memory whatever happens; keys beyond it are read from the table on every request. */
    static final int MAX_ENTRIES = 10_000;
    /** Notification payload that stands for every key (the table was truncated). */
    static final String EVERY_KEY = "*";

    private record Entry(ApiKey key, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final Object changes = new Object();
    /** Moves on every eviction and listener change; a lookup that saw it move while reading caches nothing. */
    private volatile long generation;
    private volatile boolean listening;

    KeyCache(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.isNegative() ? 0 : ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether keys are cached at all; a time-to-live of zero turns the cache off. */
    boolean enabled() {
        return ttlNanos > 0;
    }

    /** The key stored under this secret hash, from the cache while fresh, else through {@code read}. */
    Optional<ApiKey> find(String keyHash, Function<String, Optional<ApiKey>> read) {
        long now = nanoTime.getAsLong();
        Entry entry = entries.get(keyHash);
        if (entry != null) {
            if (entry.expiresAt() - now > 0) {
                return Optional.of(entry.key());
            }
            entries.remove(keyHash, entry);
        }
        long seen = generation;
        Optional<ApiKey> found = read.apply(keyHash);
        found.ifPresent(key -> keep(keyHash, key, seen, now + ttlNanos));
        return found;
    }

    /** Forgets a key at once, by id; {@link #EVERY_KEY} forgets all of them. */
    void evict(String keyId) {
        synchronized (changes) {
            generation++;
            if (EVERY_KEY.equals(keyId)) {
                entries.clear();
            } else {
                entries.values().removeIf(entry -> entry.key().id().equals(keyId));
            }
        }
    }

    /** The listener listens from now on: keys may be cached. */
    void startCaching() {
        synchronized (changes) {
            generation++;
            listening = enabled();
        }
    }

    /** The listener stopped: changes made from now on would go unseen, so forget everything and cache nothing. */
    void stopCaching() {
        synchronized (changes) {
            generation++;
            listening = false;
            entries.clear();
        }
    }

    boolean listening() {
        return listening;
    }

    int size() {
        return entries.size();
    }

    /**
     * Keeps a key read from the table unless a change was reported while it was being read: the read may predate
     * that change, and the notification that announced it has already been handled.
     */
    private void keep(String keyHash, ApiKey key, long seen, long expiresAt) {
        synchronized (changes) {
            if (!listening || generation != seen) {
                return;
            }
            if (entries.size() >= MAX_ENTRIES) {
                long now = nanoTime.getAsLong();
                entries.values().removeIf(entry -> entry.expiresAt() - now <= 0);
                if (entries.size() >= MAX_ENTRIES) {
                    return;
                }
            }
            entries.put(keyHash, new Entry(key, expiresAt));
        }
    }
}
