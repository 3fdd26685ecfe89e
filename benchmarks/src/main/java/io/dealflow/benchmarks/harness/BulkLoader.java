package io.dealflow.benchmarks.harness;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a location with opportunities fast by appending their events straight to the event store
 * ({@link EventAppender}); the server's projections then read them as they read any event. Pipelines are created over
 * the API beforehand, so the command side knows them; the deals themselves bypass the command side's lookup, so they
 * are for reading, not for commands.
 *
 * <p>Per 10 opportunities created, 3 more events: moves (50%), wins (20%), losses (10%), value changes (20%). Event
 * times are spread over the year before the load started, in append order.
 */
final class BulkLoader {

    private static final long ID_PREFIX = 0x0de1f10b0000L;

    private final ServerDatabase database;
    private final String location;
    private final List<CommandMix.Pipeline> pipelines;
    private final int capacity;
    private final Random random = new Random(7);
    private final byte[] pipelineOf;
    private final byte[] stageOf;
    private final short[] nextSequence;
    private final boolean[] closed;
    private final Instant origin;
    private final long nanosPerEvent;
    private int loaded;
    private long events;

    /** A loader for up to {@code capacity} opportunities spread over the given pipelines. */
    BulkLoader(ServerDatabase database, String location, List<CommandMix.Pipeline> pipelines, int capacity) {
        this.database = database;
        this.location = location;
        this.pipelines = pipelines;
        this.capacity = capacity;
        this.pipelineOf = new byte[capacity];
        this.stageOf = new byte[capacity];
        this.nextSequence = new short[capacity];
        this.closed = new boolean[capacity];
        Duration year = Duration.ofDays(365);
        this.origin = Instant.now().minus(year);
        this.nanosPerEvent = year.toNanos() / (capacity * 13L / 10);
    }

    /** The id of the n-th loaded opportunity. */
    static String opportunityId(int number) {
        return new UUID(ID_PREFIX, number).toString();
    }

    int loaded() {
        return loaded;
    }

    long events() {
        return events;
    }

    /** Appends events until {@code opportunities} deals exist; returns the number of events appended. */
    long loadUpTo(int opportunities) throws SQLException {
        if (opportunities > capacity) {
            throw new IllegalArgumentException(opportunities + " is over the loader's capacity of " + capacity);
        }
        long before = events;
        try (EventAppender appender = new EventAppender(database)) {
            while (loaded < opportunities) {
                int number = loaded++;
                add(appender, number, created(number));
                if (random.nextInt(10) < 3) {
                    int other = random.nextInt(loaded);
                    add(appender, other, change(other));
                }
            }
        }
        return events - before;
    }

    private Object created(int number) {
        int pipeline = random.nextInt(pipelines.size());
        int stage = random.nextInt(CommandMix.STAGES);
        pipelineOf[number] = (byte) pipeline;
        stageOf[number] = (byte) stage;
        return new OpportunityCreated(opportunityId(number), location,
                "Deal " + number + " " + Words.pick(random), pipelines.get(pipeline).id(),
                pipelines.get(pipeline).stageIds().get(stage), BigDecimal.valueOf(random.nextInt(10_000_000), 2),
                random.nextInt(20) == 0 ? "EUR" : "USD",
                new Contact("contact-" + number, "Contact " + number, "contact" + number + "@example.com", null,
                        Words.pick(random) + " Corp"),
                "source" + random.nextInt(5), "owner" + random.nextInt(20), List.of(),
                List.of("tag" + random.nextInt(10)), Map.of());
    }

    private Object change(int number) {
        String id = opportunityId(number);
        CommandMix.Pipeline pipeline = pipelines.get(pipelineOf[number]);
        int roll = random.nextInt(10);
        if (roll < 5 || closed[number] && roll < 8) {
            int from = stageOf[number];
            int to = (from + 1 + random.nextInt(CommandMix.STAGES - 1)) % CommandMix.STAGES;
            stageOf[number] = (byte) to;
            return new OpportunityStageMoved(id, location, pipeline.id(), pipeline.stageIds().get(from),
                    pipeline.id(), pipeline.stageIds().get(to));
        }
        if (roll < 8) {
            closed[number] = true;
            return roll < 7 ? new OpportunityWon(id, location) : new OpportunityLost(id, location, null, "budget");
        }
        return new OpportunityValueChanged(id, location, BigDecimal.valueOf(random.nextInt(10_000_000), 2), "USD");
    }

    private void add(EventAppender appender, int number, Object payload) throws SQLException {
        appender.append(opportunityId(number), nextSequence[number]++, origin.plusNanos(events * nanosPerEvent),
                payload);
        events++;
    }
}
