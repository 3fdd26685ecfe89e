package io.dealflow.webhooks.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code dealflow_webhook_deliveries_total{outcome}} (attempts this node made: {@code delivered}, {@code failed} and
 * to be retried, {@code dead}) and {@code dealflow_webhook_deliveries_pending} (deliveries of the whole cluster still
 * to send, read from the database at each scrape). Nothing is recorded where no meter registry exists.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

    DeliveryMetrics(ObjectProvider<MeterRegistry> registries, JdbcTemplate jdbc) {
        this.registry = registries.getIfAvailable();
        if (registry != null) {
            Gauge.builder("dealflow.webhook.deliveries.pending", () -> pending(jdbc))
                    .description("Webhook deliveries waiting to be sent or retried").register(registry);
        }
    }

    /** Notes one attempt's outcome. */
    void attempted(String outcome) {
        if (registry == null) {
            return;
        }
        attempts.computeIfAbsent(outcome, name -> Counter.builder("dealflow.webhook.deliveries")
                .description("Webhook delivery attempts by outcome").tag("outcome", name).register(registry))
                .increment();
    }

    private static double pending(JdbcTemplate jdbc) {
        try {
            Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.delivery WHERE status = 'pending'",
                    Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException databaseUnreachable) {
            return Double.NaN;
        }
    }
}
