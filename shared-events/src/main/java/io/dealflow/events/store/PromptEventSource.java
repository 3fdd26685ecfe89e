package io.dealflow.events.store;

import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.SubscribableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The event store as pooled streaming processors should read it: streams that accept an availability callback.
 *
 * <p>A pooled processor with nothing left to read asks its stream to call it back when events arrive. The embedded
 * event store's streams decline, so an idle processor looks again only every 500 ms, and that wait was most of the
 * time from a command's answer to its visibility in a read model (about 400 ms at any load). Streams opened here
 * accept the callback. Each wake-up of an idle processor costs one index lookup for rows after its token (each
 * processor reads a stream of its own, see {@link EventStoreAutoConfiguration}), so waking is done sparingly:
 * <ul>
 *   <li>events appended in this JVM wake every waiting processor as soon as their transaction has committed
 *       ({@link #wakeAfterAppendsTo});</li>
 *   <li>events appended elsewhere (another JVM, raw SQL) are noticed by a tick: every {@link #BUSY_TICK} while some
 *       stream delivered events within the last {@link #BUSY_FOR}, else every {@link #IDLE_TICK}.</li>
 * </ul>
 */
public final class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {

    /** While events flow, ticks keep the lag of events appended elsewhere to a few tens of milliseconds. */
    static final Duration BUSY_TICK = Duration.ofMillis(20);
    /**
     * Idle, seven processors ticked at 20 ms sent 350 lookups a second to PostgreSQL and took 13% of the server's CPU.
     * At 250 ms that is 28 a second, and the first event appended elsewhere into an idle store still waits less than
     * Axon's own 500 ms poll (then the busy tick takes over); local appends do not wait for a tick at all.
     */
    static final Duration IDLE_TICK = Duration.ofMillis(250);
    /** How long after the last delivered event the source still ticks busily: a pause between batches, not idleness. */
    static final Duration BUSY_FOR = Duration.ofSeconds(2);

    private final Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store;
    private final Set<PromptStream> waiting = new CopyOnWriteArraySet<>();
    private final Set<Registration> subscriptions = new CopyOnWriteArraySet<>();
    private final Ticker ticker;
    private final LongSupplier nanoClock;
    private volatile long lastDeliveryNanos;
    private volatile boolean closed;

    /**
     * @param store the event store, asked for each stream (processors are built before it may exist)
     */
    public PromptEventSource(Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store) {
        this(store, Ticker.onOwnThread(), System::nanoTime);
    }

    PromptEventSource(Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store, Ticker ticker,
                      LongSupplier nanoClock) {
        this.store = store;
        this.ticker = ticker;
        this.nanoClock = nanoClock;
        this.lastDeliveryNanos = nanoClock.getAsLong() - BUSY_FOR.toNanos();
        scheduleTick();
    }

    /**
     * Wakes waiting processors after each commit that appended events to the given store in this JVM. Its subscribers
     * hear of events while the unit of work prepares its commit, before the transaction commits: a processor woken
     * then would find nothing and go back to sleep. So the wake-up waits for the unit of work's after-commit phase
     * (a nested unit of work hands it to its parent, so it runs after the outermost one, which holds the transaction).
     */
    public void wakeAfterAppendsTo(SubscribableMessageSource<EventMessage<?>> eventStore) {
        subscriptions.add(eventStore.subscribe(this::appended));
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new PromptStream(store.get().openStream(trackingToken), null, 0);
    }

    /**
     * This source for a processor that need not see each commit at once: after a read of the store that found
     * nothing, its stream stays quiet for {@code quiet} (it answers "nothing yet" without asking the store, and a
     * wake-up waits for the end of the quiet period). Under load a processor then reads once per quiet period and
     * folds what arrived meanwhile in one batch, instead of reading and committing after every command; a backlog is
     * still read without pause, as only an empty read starts a quiet period.
     *
     * @param reader the processor that reads it, named by {@link #hurry(Collection)}
     */
    public StreamableMessageSource<TrackedEventMessage<?>> pacedBy(String reader, Duration quiet) {
        long quietNanos = quiet.toNanos();
        PromptEventSource source = this;
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return new PromptStream(store.get().openStream(trackingToken), reader, quietNanos);
            }

            @Override
            public TrackingToken createTailToken() {
                return source.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return source.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return source.createTokenAt(dateTime);
            }
        };
    }

    /**
     * Ends the quiet period of the named readers' paced streams (of every one when none is named) and wakes their
     * processors: someone is waiting to read what they have not folded yet (a query with a {@code Consistency-Token}),
     * so batching more would only make them wait longer. The others keep folding large batches: a reader of the board
     * must not make the reports' processor read after every command.
     */
    public void hurry(Collection<String> readers) {
        for (PromptStream stream : waiting) {
            if (readers.isEmpty() || readers.contains(stream.reader)) {
                stream.hurry();
            }
        }
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
        closed = true;
        ticker.stop();
        subscriptions.forEach(Registration::cancel);
        subscriptions.clear();
        waiting.clear();
    }

    private void appended(List<? extends EventMessage<?>> events) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> wakeAll());
        } else {
            // Without a unit of work the storage engine appended in a transaction of its own, committed by now.
            wakeAll();
        }
    }

    private void tick() {
        wakeAll();
        scheduleTick();
    }

    private void scheduleTick() {
        if (closed) {
            return;
        }
        boolean busy = nanoClock.getAsLong() - lastDeliveryNanos < BUSY_FOR.toNanos();
        ticker.schedule(this::tick, busy ? BUSY_TICK : IDLE_TICK);
    }

    private void wakeAll() {
        for (PromptStream stream : waiting) {
            try {
                stream.wake();
            } catch (RuntimeException e) {
                // A processor that cannot be woken now is woken by its own timer; the others must still be.
            }
        }
    }

    /** Runs the next tick after a delay: on a thread of its own in production, by hand in tests. */
    interface Ticker {

        void schedule(Runnable tick, Duration delay);

        void stop();

        static Ticker onOwnThread() {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "event-arrivals");
                thread.setDaemon(true);
                return thread;
            });
            return new Ticker() {
                @Override
                public void schedule(Runnable tick, Duration delay) {
                    try {
                        executor.schedule(tick, delay.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        // stopped while this tick ran: no more ticks
                    }
                }

                @Override
                public void stop() {
                    executor.shutdownNow();
                }
            };
        }
    }

    /**
     * A stream of the store that registers its processor's callback until it is closed, notes deliveries, and keeps
     * quiet for a while after an empty read when paced ({@link #pacedBy}).
     */
    private final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final String reader;
        private final long quietNanos;
        private final AtomicBoolean wakeDeferred = new AtomicBoolean();
        private volatile Runnable callback;
        private volatile long quietUntilNanos;

        PromptStream(BlockingStream<TrackedEventMessage<?>> delegate, String reader, long quietNanos) {
            this.delegate = delegate;
            this.reader = reader;
            this.quietNanos = quietNanos;
            this.quietUntilNanos = nanoClock.getAsLong();
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            waiting.add(this);
            return true;
        }

        /** Calls the processor back now, or once at the end of the quiet period. */
        void wake() {
            Runnable registered = callback;
            if (registered == null) {
                return;
            }
            long wait = quietUntilNanos - nanoClock.getAsLong();
            if (wait <= 0) {
                registered.run();
            } else if (wakeDeferred.compareAndSet(false, true)) {
                ticker.schedule(() -> {
                    wakeDeferred.set(false);
                    wake();
                }, Duration.ofNanos(wait));
            }
        }

        /** Ends a quiet period early and wakes the processor. */
        void hurry() {
            if (quiet()) {
                quietUntilNanos = nanoClock.getAsLong();
                wake();
            }
        }

        private boolean quiet() {
            return quietNanos > 0 && nanoClock.getAsLong() - quietUntilNanos < 0;
        }

        private void readFoundNothing() {
            if (quietNanos > 0) {
                quietUntilNanos = nanoClock.getAsLong() + quietNanos;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (quiet()) {
                return Optional.empty();
            }
            Optional<TrackedEventMessage<?>> next = delegate.peek();
            if (next.isEmpty()) {
                readFoundNothing();
            }
            return next;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (quiet()) {
                return false;
            }
            boolean available = delegate.hasNextAvailable(timeout, unit);
            if (!available) {
                readFoundNothing();
            }
            return available;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = delegate.nextAvailable();
            lastDeliveryNanos = nanoClock.getAsLong();
            return next;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            waiting.remove(this);
            delegate.close();
        }
    }
}
