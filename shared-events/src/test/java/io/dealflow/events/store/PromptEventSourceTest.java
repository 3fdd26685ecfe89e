package io.dealflow.events.store;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptEventSourceTest {

    private final EmptyStore emptyStore = new EmptyStore();
    private final ManualTicker ticker = new ManualTicker();
    private final AtomicLong nanoClock = new AtomicLong(1_000_000_000L);
    private final PromptEventSource source = new PromptEventSource(() -> emptyStore, ticker, nanoClock::get);

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void streamsAcceptTheAvailabilityCallbackAndGetItOnEveryTick() {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();

        assertThat(stream.setOnAvailableCallback(wakeUps::incrementAndGet)).isTrue();
        ticker.runNext();
        ticker.runNext();
        ticker.runNext();

        assertThat(wakeUps).hasValue(3);
    }

    @Test
    void aClosedStreamIsNoLongerWokenAndItsStoreStreamIsClosed() {
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        AtomicInteger closedWakeUps = new AtomicInteger();
        closed.setOnAvailableCallback(closedWakeUps::incrementAndGet);
        AtomicInteger otherWakeUps = new AtomicInteger();
        source.openStream(null).setOnAvailableCallback(otherWakeUps::incrementAndGet);

        closed.close();
        ticker.runNext();

        assertThat(closedWakeUps).hasValue(0);
        assertThat(otherWakeUps).hasValue(1);
        assertThat(emptyStore.closedStreams).hasValue(1);
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthers() {
        source.openStream(null).setOnAvailableCallback(() -> {
            throw new IllegalStateException("processor shutting down");
        });
        AtomicInteger wakeUps = new AtomicInteger();
        source.openStream(null).setOnAvailableCallback(wakeUps::incrementAndGet);

        ticker.runNext();

        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void tokensComeFromTheStore() {
        assertThat(source.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(41));
        assertThat(source.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(-1));
    }

    @Test
    void anIdleSourceTicksSlowly() {
        source.openStream(null).setOnAvailableCallback(() -> {
        });

        ticker.runNext();
        ticker.runNext();

        assertThat(ticker.delays).containsExactly(PromptEventSource.IDLE_TICK, PromptEventSource.IDLE_TICK,
                PromptEventSource.IDLE_TICK);
    }

    @Test
    void ticksBusilyWhileStreamsDeliverEventsAndSlowlyAgainOnceTheyStop() throws InterruptedException {
        EmbeddedEventStore store = inMemoryStore();
        store.publish(GenericEventMessage.asEventMessage("appended elsewhere"));
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource busy = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        BlockingStream<TrackedEventMessage<?>> stream = busy.openStream(null);
        ownTicker.runNext();
        ownTicker.runNext();

        stream.nextAvailable();
        ownTicker.runNext();
        nanoClock.addAndGet(PromptEventSource.BUSY_FOR.toNanos() - 1);
        ownTicker.runNext();
        nanoClock.addAndGet(1);
        ownTicker.runNext();
        busy.close();
        store.shutDown();

        assertThat(ownTicker.delays).containsExactly(PromptEventSource.IDLE_TICK, PromptEventSource.IDLE_TICK,
                PromptEventSource.IDLE_TICK, PromptEventSource.BUSY_TICK, PromptEventSource.BUSY_TICK,
                PromptEventSource.IDLE_TICK);
    }

    @Test
    void aLocalAppendWakesWaitingStreamsOnceItsUnitOfWorkHasCommitted() {
        EmbeddedEventStore store = inMemoryStore();
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource local = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        local.wakeAfterAppendsTo(store);
        AtomicInteger wakeUps = new AtomicInteger();
        local.openStream(null).setOnAvailableCallback(wakeUps::incrementAndGet);
        List<Integer> wakeUpsWhileCommitting = new ArrayList<>();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("appended here"));
        unitOfWork.onPrepareCommit(u -> wakeUpsWhileCommitting.add(wakeUps.get()));
        unitOfWork.onCommit(u -> wakeUpsWhileCommitting.add(wakeUps.get()));
        unitOfWork.commit();
        local.close();
        store.shutDown();

        assertThat(wakeUpsWhileCommitting).containsExactly(0, 0);
        assertThat(wakeUps).hasValue(1);
        assertThat(ownTicker.ran).isZero();
    }

    @Test
    void aRolledBackAppendWakesNoOne() {
        EmbeddedEventStore store = inMemoryStore();
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource local = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        local.wakeAfterAppendsTo(store);
        AtomicInteger wakeUps = new AtomicInteger();
        local.openStream(null).setOnAvailableCallback(wakeUps::incrementAndGet);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        store.publish(GenericEventMessage.asEventMessage("appended here"));
        unitOfWork.onCommit(u -> {
            throw new IllegalStateException("commit failed");
        });
        assertThatThrownBy(unitOfWork::commit).isInstanceOf(IllegalStateException.class);
        local.close();
        store.shutDown();

        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void anAppendOutsideAUnitOfWorkWakesAtOnce() {
        EmbeddedEventStore store = inMemoryStore();
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource local = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        local.wakeAfterAppendsTo(store);
        AtomicInteger wakeUps = new AtomicInteger();
        local.openStream(null).setOnAvailableCallback(wakeUps::incrementAndGet);

        store.publish(GenericEventMessage.asEventMessage("appended here"));
        local.close();
        store.shutDown();

        assertThat(wakeUps).hasValue(1);
    }

    @Test
    void closeStopsTicksAndLocalWakeUps() {
        EmbeddedEventStore store = inMemoryStore();
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource closing = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        closing.wakeAfterAppendsTo(store);
        AtomicInteger wakeUps = new AtomicInteger();
        closing.openStream(null).setOnAvailableCallback(wakeUps::incrementAndGet);
        int scheduledBefore = ownTicker.delays.size();

        closing.close();
        ownTicker.runNext();
        store.publish(GenericEventMessage.asEventMessage("appended after close"));
        store.shutDown();

        assertThat(ownTicker.stopped).isTrue();
        assertThat(wakeUps).hasValue(0);
        assertThat(ownTicker.delays).hasSize(scheduledBefore);
    }

    @Test
    void aPacedStreamKeepsQuietAfterAnEmptyReadAndWakesItsProcessorOnceAtTheEnd() throws InterruptedException {
        EmbeddedEventStore store = inMemoryStore();
        ManualTicker ownTicker = new ManualTicker();
        PromptEventSource local = new PromptEventSource(() -> store, ownTicker, nanoClock::get);
        local.wakeAfterAppendsTo(store);
        Duration quiet = Duration.ofMillis(50);
        BlockingStream<TrackedEventMessage<?>> stream = local.pacedBy("board", quiet).openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);

        assertThat(stream.hasNextAvailable()).as("an empty read starts the quiet period").isFalse();
        store.publish(GenericEventMessage.asEventMessage("first"));
        store.publish(GenericEventMessage.asEventMessage("second"));
        assertThat(wakeUps).as("appends during the quiet period wake no one yet").hasValue(0);
        assertThat(stream.hasNextAvailable()).as("quiet: the store is not asked").isFalse();
        assertThat(ownTicker.delays).as("one deferred wake-up for both appends").containsOnlyOnce(quiet);

        nanoClock.addAndGet(quiet.toNanos());
        ownTicker.runAll();
        assertThat(wakeUps.get()).isPositive();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");
        assertThat(stream.hasNextAvailable()).as("a read that finds events starts no quiet period").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
        assertThat(stream.hasNextAvailable()).isFalse();
        store.publish(GenericEventMessage.asEventMessage("third"));
        assertThat(stream.hasNextAvailable()).as("quiet again after the empty read").isFalse();
        local.close();
        store.shutDown();
    }

    @Test
    void hurryingEndsTheQuietPeriodOfTheAwaitedReadersOnlyAndWakesThemAtOnce() throws InterruptedException {
        EmbeddedEventStore store = inMemoryStore();
        PromptEventSource local = new PromptEventSource(() -> store, new ManualTicker(), nanoClock::get);
        local.wakeAfterAppendsTo(store);
        BlockingStream<TrackedEventMessage<?>> board = local.pacedBy("board", Duration.ofSeconds(1)).openStream(null);
        BlockingStream<TrackedEventMessage<?>> reports = local.pacedBy("reports", Duration.ofSeconds(1))
                .openStream(null);
        AtomicInteger boardWakeUps = new AtomicInteger();
        AtomicInteger reportsWakeUps = new AtomicInteger();
        board.setOnAvailableCallback(boardWakeUps::incrementAndGet);
        reports.setOnAvailableCallback(reportsWakeUps::incrementAndGet);
        assertThat(board.hasNextAvailable()).isFalse();
        assertThat(reports.hasNextAvailable()).isFalse();
        store.publish(GenericEventMessage.asEventMessage("awaited by a reader"));
        assertThat(boardWakeUps).hasValue(0);

        local.hurry(List.of("board"));

        assertThat(boardWakeUps).hasValue(1);
        assertThat(board.hasNextAvailable()).isTrue();
        assertThat(reportsWakeUps).as("a reader nobody waits for keeps its pause").hasValue(0);
        assertThat(reports.hasNextAvailable()).isFalse();

        local.hurry(List.of());

        assertThat(reportsWakeUps).as("waiting for every projection hurries all").hasValue(1);
        assertThat(reports.hasNextAvailable()).isTrue();
        local.close();
        store.shutDown();
    }

    @Test
    void anUnpacedStreamIsWokenAtOnceAfterAnEmptyRead() throws InterruptedException {
        EmbeddedEventStore store = inMemoryStore();
        PromptEventSource local = new PromptEventSource(() -> store, new ManualTicker(), nanoClock::get);
        local.wakeAfterAppendsTo(store);
        BlockingStream<TrackedEventMessage<?>> stream = local.openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);

        assertThat(stream.hasNextAvailable()).isFalse();
        store.publish(GenericEventMessage.asEventMessage("appended"));

        assertThat(wakeUps).hasValue(1);
        assertThat(stream.hasNextAvailable()).isTrue();
        local.close();
        store.shutDown();
    }

    private static EmbeddedEventStore inMemoryStore() {
        return EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .optimizeEventConsumption(false)
                .build();
    }

    /** Runs ticks when the test says so; records the delays asked for. */
    private static final class ManualTicker implements PromptEventSource.Ticker {

        private final List<Runnable> pending = new ArrayList<>();
        private final List<Duration> delays = new ArrayList<>();
        private int ran;
        private boolean stopped;

        @Override
        public void schedule(Runnable tick, Duration delay) {
            pending.add(tick);
            delays.add(delay);
        }

        @Override
        public void stop() {
            stopped = true;
        }

        /** Runs every pending tick and deferred wake-up, including those they schedule, but no new periodic tick. */
        void runAll() {
            for (int i = pending.size(); i > 0 && !pending.isEmpty(); i--) {
                runNext();
            }
        }

        /** Runs the oldest pending tick, as the thread would have once its delay passed. */
        void runNext() {
            if (!pending.isEmpty()) {
                ran++;
                pending.remove(0).run();
            }
        }
    }

    /** A store without events; counts the streams closed. */
    private static final class EmptyStore implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final AtomicInteger closedStreams = new AtomicInteger();

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return false;
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    throw new IllegalStateException("no events");
                }

                @Override
                public void close() {
                    closedStreams.incrementAndGet();
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return new GlobalSequenceTrackingToken(-1);
        }

        @Override
        public TrackingToken createHeadToken() {
            return new GlobalSequenceTrackingToken(41);
        }

        @Override
        public TrackingToken createTokenAt(Instant dateTime) {
            return createTailToken();
        }
    }
}
