package io.dealflow.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.testsupport.TestDatabase;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static io.dealflow.webhooks.OpportunityEvents.created;

/**
 * Delivery throughput and end-to-end latency (event appended to request received) against a local receiver that
 * answers 204 at once, with the production settings. Not part of the suite (its name does not end in Test); run by
 * hand:
 * {@code ./mvnw -q -pl webhooks -am test -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DeliveryBenchmark {

    private static final int BURST_OPPORTUNITIES = 200;
    private static final int EVENTS_PER_OPPORTUNITY = 10;
    private static final int PACED_EVENTS = 300;
    private static final int PACED_PER_SECOND = 50;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Long> appendedAtNanos = new ConcurrentHashMap<>();
    private final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    private final AtomicLong received = new AtomicLong();
    private volatile boolean recordLatency;

    @Test
    void measure() throws Exception {
        GenericEventMessage.clock = Clock.systemUTC();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            JsonNode body = json.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Long appended = appendedAtNanos.get(body.get("opportunity").get("id").asText() + "/"
                    + body.get("sequence").asLong());
            if (recordLatency && appended != null) {
                latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(now - appended));
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebhookTestApplication.class)
                .properties("spring.datasource.url=" + TestDatabase.freshDatabaseUrl(),
                        "spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0",
                        // production defaults, except that the receiver is on loopback
                        "dealflow.webhooks.dispatch.poll-interval=250ms", "dealflow.webhooks.http.request-timeout=10s",
                        "dealflow.webhooks.retry.initial-delay=1s", "dealflow.webhooks.retry.max-delay=1h",
                        "dealflow.webhooks.stale.scan-interval=1m", "logging.level.root=WARN")
                .run()) {
            subscribe(context, url);
            OpportunityEvents events = new OpportunityEvents(context.getBean(EventStore.class),
                    context.getBean(TransactionTemplate.class));

            // Burst: every event appended as fast as one writer can, one transaction per event.
            int burst = BURST_OPPORTUNITIES * EVENTS_PER_OPPORTUNITY;
            long start = System.nanoTime();
            for (int step = 0; step < EVENTS_PER_OPPORTUNITY; step++) {
                for (int o = 0; o < BURST_OPPORTUNITIES; o++) {
                    String id = "burst-" + o;
                    events.append(id, step == 0 ? created(id, "bench", "p-1", "s-1")
                            : new OpportunityRenamed(id, "bench", "name " + step));
                }
            }
            long appended = System.nanoTime();
            awaitReceived(burst);
            long done = System.nanoTime();
            System.out.printf("burst: %d events appended in %.2f s (%.0f/s); all delivered after %.2f s: %.0f"
                            + " deliveries/s%n", burst, seconds(appended - start), burst / seconds(appended - start),
                    seconds(done - start), burst / seconds(done - start));

            // Paced: a steady stream well below capacity; latency from append to receipt.
            recordLatency = true;
            long interval = TimeUnit.SECONDS.toNanos(1) / PACED_PER_SECOND;
            long next = System.nanoTime();
            for (int i = 0; i < PACED_EVENTS; i++) {
                String id = "paced-" + (i % 100);
                long sequence = i / 100;
                LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
                appendedAtNanos.put(id + "/" + sequence, System.nanoTime());
                events.append(id, sequence == 0 ? created(id, "bench", "p-1", "s-1")
                        : new OpportunityRenamed(id, "bench", "name " + i));
                next += interval;
            }
            awaitReceived(burst + PACED_EVENTS);
            System.out.printf("paced: %d events at %d/s; append-to-receipt latency p50 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms%n", PACED_EVENTS, PACED_PER_SECOND,
                    latencyMicros.getValueAtPercentile(50) / 1000.0, latencyMicros.getValueAtPercentile(99) / 1000.0,
                    latencyMicros.getMaxValue() / 1000.0);
            System.out.println("burst, split by stage (ms): " + stages(context, "burst-%"));
            System.out.println("paced, split by stage (ms): " + stages(context, "paced-%"));
        } finally {
            receiver.stop(0);
        }
    }

    /** Percentiles of event-to-queued (processor) and queued-to-delivered (dispatcher) times. */
    private static Map<String, Object> stages(ConfigurableApplicationContext context, String opportunities) {
        return context.getBean(JdbcTemplate.class).queryForMap(
                "SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY queued)) AS queued_p50,"
                        + " round(percentile_cont(0.99) WITHIN GROUP (ORDER BY queued)) AS queued_p99,"
                        + " round(percentile_cont(0.5) WITHIN GROUP (ORDER BY sent)) AS sent_p50,"
                        + " round(percentile_cont(0.99) WITHIN GROUP (ORDER BY sent)) AS sent_p99,"
                        + " round(avg(request)) AS request_avg FROM ("
                        + " SELECT (extract(epoch FROM d.created_at - e.occurred_at) * 1000)::numeric AS queued,"
                        + " (extract(epoch FROM d.delivered_at - d.created_at) * 1000)::numeric AS sent,"
                        + " d.last_latency_ms AS request"
                        + " FROM webhooks.delivery d JOIN webhooks.webhook_event e ON e.event_id = d.event_id"
                        + " WHERE d.opportunity_id LIKE ?) t", opportunities);
    }

    private void awaitReceived(long count) {
        Instant deadline = Instant.now().plusSeconds(600);
        while (received.get() < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("only " + received.get() + " of " + count + " delivered");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private void subscribe(ConfigurableApplicationContext context, String url) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/locations/bench/webhooks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url
                        + "\",\"events\":[\"OpportunityCreate\",\"OpportunityUpdate\"]}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.body());
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
