package io.dealflow.events.store;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The event store as pooled streaming processors should read it: streams that accept an availability callback.
 *
 * <p>A pooled processor with nothing left to read asks its stream to call it back when events arrive. The embedded
 * event store's streams decline, so an idle processor looks again only every 500 ms, and that wait was most of the
 * time from a command's answer to its visibility in a read model (about 400 ms at any load). Streams opened here
 * accept the callback and get it every interval: a wake-up of an idle processor costs one index lookup for rows
 * after its token (each processor reads a stream of its own, see {@link EventStoreAutoConfiguration}), and no commit
 * path has to know about them.
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    private final Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store;
    private final Set<Runnable> callbacks = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService ticker;

    /**
     * @param store    the event store, asked for each stream (processors are built before it may exist)
     * @param interval how often waiting processors are woken
     */
    public PromptEventSource(Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store,
                             Duration interval) {
        this.store = store;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "event-arrivals");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::wakeAll, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new PromptStream(store.get().openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.get().createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.get().createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.get().createTokenAt(dateTime);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        callbacks.clear();
    }

    private void wakeAll() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // A processor that cannot be woken now is woken by its own timer; the others must still be.
            }
        }
    }

    /** A stream of the store that registers its processor's callback with the ticker until it is closed. */
    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private volatile Runnable callback;

        PromptStream(BlockingStream<TrackedEventMessage<?>> delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
