package io.dealflow.query.deadletter;

import io.dealflow.query.axon.ReadModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Parked events where operators look: a gauge per projection ({@code dealflow.projection.dead.letters}) and the
 * {@code projections} health component. The component reports {@code DEAD_LETTERS} while any are parked, a status
 * outside the aggregate order, so the node's overall health stays UP and a load balancer keeps sending it traffic:
 * one parked deal is no reason to stop serving every other one.
 */
@Component("projections")
class DeadLetterSignals extends AbstractHealthIndicator implements MeterBinder {

    static final Status DEAD_LETTERS = new Status("DEAD_LETTERS", "events are parked in a dead-letter queue");

    private final DeadLetters deadLetters;

    DeadLetterSignals(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> counts = deadLetters.counts();
        long parked = counts.values().stream().mapToLong(Long::longValue).sum();
        builder.status(parked == 0 ? Status.UP : DEAD_LETTERS).withDetail("deadLetters", counts);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String projection : ReadModels.ALL) {
            Gauge.builder("dealflow.projection.dead.letters", deadLetters, letters -> letters.counts().get(projection))
                    .tag("projection", projection)
                    .description("Events the projection parked because it could not apply them")
                    .register(registry);
        }
    }
}
