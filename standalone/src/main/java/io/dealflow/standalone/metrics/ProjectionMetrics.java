package io.dealflow.standalone.metrics;

import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code dealflow_projection_lag_events{projection}} and {@code dealflow_projection_lag_seconds{projection}}: how far
 * each read model is behind the event store, in events (head minus the lowest committed segment position) and in
 * seconds (age of the oldest event it has not processed; 0 when it has none). Read from the shared token store, so
 * every node shows the cluster's projections, whichever node runs them. A scrape reads the database once a second at
 * most.
 */
@Component
class ProjectionMetrics {

    private static final Duration FRESH_FOR = Duration.ofSeconds(1);

    private final ProcessorPositions positions;
    private final StoredEvents events;
    private final Clock clock = Clock.systemUTC();
    private volatile Snapshot snapshot = new Snapshot(Instant.EPOCH, Map.of());

    ProjectionMetrics(MeterRegistry registry, ProcessorPositions positions, StoredEvents events) {
        this.positions = positions;
        this.events = events;
        for (String projection : ReadModels.ALL) {
            Gauge.builder("dealflow.projection.lag.events", () -> lag(projection).events())
                    .description("Events in the event store this projection has not processed yet")
                    .tag("projection", projection).register(registry);
            Gauge.builder("dealflow.projection.lag.seconds", () -> lag(projection).seconds())
                    .description("Age of the oldest event this projection has not processed yet")
                    .tag("projection", projection).register(registry);
        }
    }

    private Lag lag(String projection) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (Duration.between(current.takenAt(), now).compareTo(FRESH_FOR) > 0) {
            current = take(now);
            snapshot = current;
        }
        return current.lags().getOrDefault(projection, new Lag(Double.NaN, Double.NaN));
    }

    private synchronized Snapshot take(Instant now) {
        if (Duration.between(snapshot.takenAt(), now).compareTo(FRESH_FOR) <= 0) {
            return snapshot;
        }
        try {
            long head = events.head();
            Map<String, Lag> lags = new HashMap<>();
            for (String projection : ReadModels.ALL) {
                long position = Math.max(0, positions.position(projection));
                double seconds = position >= head ? 0 : events.timeOfFirstAfter(position)
                        .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)).orElse(0.0);
                lags.put(projection, new Lag(Math.max(0, head - position), seconds));
            }
            return new Snapshot(now, lags);
        } catch (RuntimeException databaseUnreachable) {
            // Unknown rather than stale: a scrape during an outage shows gaps, not old figures.
            return new Snapshot(now, Map.of());
        }
    }

    private record Lag(double events, double seconds) {
    }

    private record Snapshot(Instant takenAt, Map<String, Lag> lags) {
    }
}
