package io.dealflow.events.store;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PromptEventSourceTest {

    private final EmptyStore store = new EmptyStore();
    private final PromptEventSource source = new PromptEventSource(() -> store, Duration.ofMillis(5));

    @AfterEach
    void close() {
        source.close();
    }

    @Test
    void streamsAcceptTheAvailabilityCallbackAndGetItAgainAndAgain() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        CountDownLatch woken = new CountDownLatch(3);

        assertThat(stream.setOnAvailableCallback(woken::countDown)).isTrue();

        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aClosedStreamIsNoLongerWokenAndItsStoreStreamIsClosed() throws InterruptedException {
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(null);
        AtomicInteger closedWakeUps = new AtomicInteger();
        closed.setOnAvailableCallback(closedWakeUps::incrementAndGet);
        closed.close();
        int afterClose = closedWakeUps.get();
        CountDownLatch otherWoken = new CountDownLatch(3);
        source.openStream(null).setOnAvailableCallback(otherWoken::countDown);

        assertThat(otherWoken.await(10, TimeUnit.SECONDS)).isTrue();
        // A tick under way when the stream closed may still reach it once; later ones must not.
        assertThat(closedWakeUps.get()).isLessThanOrEqualTo(afterClose + 1);
        assertThat(store.closedStreams.get()).isEqualTo(1);
    }

    @Test
    void aFailingCallbackDoesNotStopTheOthers() throws InterruptedException {
        source.openStream(null).setOnAvailableCallback(() -> {
            throw new IllegalStateException("processor shutting down");
        });
        CountDownLatch woken = new CountDownLatch(3);
        source.openStream(null).setOnAvailableCallback(woken::countDown);

        assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void tokensComeFromTheStore() {
        assertThat(source.createHeadToken()).isEqualTo(new GlobalSequenceTrackingToken(41));
        assertThat(source.createTailToken()).isEqualTo(new GlobalSequenceTrackingToken(-1));
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
