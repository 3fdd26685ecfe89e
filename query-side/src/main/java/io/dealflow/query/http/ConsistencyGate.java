package io.dealflow.query.http;

import io.dealflow.eventstore.PromptEventSource;
import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ProjectionSettings;
import io.dealflow.query.axon.StoredEvents;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Read-your-writes: a query carrying a command's {@code Consistency-Token} (the event store position after that
 * command) waits until the projections it reads have processed that position, polling the committed tokens briefly,
 * for at most {@link ProjectionSettings#consistencyTimeout()}. Without the header nothing waits.
 *
 * <p>The committed tokens are in the shared database, so the wait works on any node, whether its own processors claim
 * segments or other nodes' do (the processors are registered on every node, so the gate knows what each handles). A
 * waiting query ends the read pause of this node's processors; those of other nodes notice new events within their
 * tick. While a dead node's segments are not yet taken over (about 6 s), a wait may run out and answer 503 with
 * {@code Retry-After}.
 */
@Component
public class ConsistencyGate {

    /** Request header carrying the token a command answered. */
    public static final String HEADER = "Consistency-Token";
    private static final long POLL_NANOS = 15_000_000;

    private final ProcessorPositions positions;
    private final ProjectionSettings settings;
    private final StoredEvents events;
    private final PromptEventSource eventSource;

    ConsistencyGate(ProcessorPositions positions, ProjectionSettings settings, StoredEvents events,
                    PromptEventSource eventSource) {
        this.positions = positions;
        this.settings = settings;
        this.events = events;
        this.eventSource = eventSource;
    }

    /**
     * Returns once the named projections cover the token; a null or blank token returns at once.
     *
     * @throws BadParameter    when the token is not a non-negative decimal number, or lies beyond every stored event
     *                         (no command answered it, so waiting for it could only time out)
     * @throws ReadModelBehind when the projections did not get there in time
     */
    public void await(String token, String... readModels) {
        if (token == null || token.isBlank()) {
            return;
        }
        long globalIndex = parse(token.strip());
        List<String> processors = List.of(readModels);
        if (positions.cover(globalIndex, processors)) {
            return;
        }
        if (globalIndex > events.head()) {
            throw new BadParameter(HEADER, "is beyond the last stored event; send the consistencyToken a command answered");
        }
        // Processors pause between reads to fold more per batch; a reader waiting for them ends their pause.
        eventSource.hurry(processors);
        long deadline = System.nanoTime() + settings.consistencyTimeout().toNanos();
        while (!positions.cover(globalIndex, processors)) {
            if (System.nanoTime() - deadline > 0) {
                throw new ReadModelBehind(token.strip());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Waits, at most {@code patience}, until the named projections cover every event stored so far, then returns
     * whether they got there or not: for small configuration lists a client reads right after changing them without
     * passing its token. The answer is then as fresh as it can be without ever failing for lag.
     */
    public void awaitLatest(Duration patience, String... readModels) {
        long head = events.head();
        List<String> processors = List.of(readModels);
        if (head <= 0 || positions.cover(head, processors)) {
            return;
        }
        eventSource.hurry(processors);
        long deadline = System.nanoTime() + patience.toNanos();
        while (!positions.cover(head, processors) && System.nanoTime() - deadline < 0) {
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static long parse(String token) {
        if (!token.matches("[0-9]{1,18}")) {
            throw new BadParameter(HEADER, "must be the decimal number a command answered as consistencyToken");
        }
        return Long.parseLong(token);
    }
}
