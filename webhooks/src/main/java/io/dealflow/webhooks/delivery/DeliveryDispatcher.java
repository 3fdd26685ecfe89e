package io.dealflow.webhooks.delivery;

import io.dealflow.webhooks.WebhookProperties;
import io.dealflow.webhooks.outbox.DeliveryListener;
import io.dealflow.webhooks.outbox.Outbox;
import io.dealflow.webhooks.subscription.TargetGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends due deliveries: a poller leases queue heads (when woken by newly queued deliveries or finished sends, and
 * at every poll interval) and a small pool POSTs them, signed, to their receivers. A 2xx answer delivers; anything
 * else, or no answer in time, is retried with exponential backoff and jitter until the retry period is over, then the
 * delivery is parked as {@code dead}. Several instances may run against one database: leases keep them apart.
 * Receivers that hang cannot starve the others: each attempt is cut at the request timeout, and a {@link Bulkhead}
 * keeps the deliveries one subscription, or one location, has in flight to a share of the threads; the poller
 * claims only heads that fit, so every claimed delivery has a free thread.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle, DeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final String USER_AGENT = "dealflow-webhooks/1";
    private static final int MAX_SENDS_PER_TURN = 100;

    private final DeliveryQueue queue;
    private final DeliveryMetrics metrics;
    private final TargetGuard guard;
    private final Clock clock;
    private final Backoff backoff;
    private final WebhookProperties properties;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration lease;
    private final Semaphore idleSenders;
    private final Bulkhead bulkhead;
    private final AtomicBoolean pollRequested = new AtomicBoolean();
    private volatile boolean running;
    private ScheduledExecutorService poller;
    private ExecutorService senders;

    DeliveryDispatcher(DeliveryQueue queue, TargetGuard guard, Clock clock, WebhookProperties properties,
                       DeliveryMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
        this.guard = guard;
        this.clock = clock;
        this.properties = properties;
        this.backoff = new Backoff(properties.retry());
        this.requestTimeout = properties.http().requestTimeout();
        // Long enough to cover a whole attempt; after it, another instance may send the delivery again.
        this.lease = properties.http().connectTimeout().plus(requestTimeout).plusSeconds(5);
        this.idleSenders = new Semaphore(properties.dispatch().threads());
        this.bulkhead = new Bulkhead(properties.dispatch().maxInFlightPerSubscription(),
                properties.dispatch().maxInFlightPerLocation());
        Duration connect = properties.http().connectTimeout();
        this.connectTimeout = connect.compareTo(requestTimeout) < 0 ? connect : requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public void start() {
        senders = Executors.newFixedThreadPool(properties.dispatch().threads(), threads("webhook-sender-"));
        poller = Executors.newSingleThreadScheduledExecutor(threads("webhook-poller-"));
        running = true;
        long interval = properties.dispatch().pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops taking deliveries, lets the ones being sent finish (up to one request timeout), and gives back the
     * leases of any still unfinished, so the next instance sends them at once.
     */
    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
        queue.releaseAll(properties.nodeId());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Only on an instance with the {@code webhooks} role ({@code dealflow.webhooks.workers-enabled}). */
    @Override
    public boolean isAutoStartup() {
        return properties.workersEnabled();
    }

    @Override
    public void deliveriesQueued() {
        if (running && pollRequested.compareAndSet(false, true)) {
            try {
                poller.execute(this::poll);
            } catch (RuntimeException stopping) {
                pollRequested.set(false);
            }
        }
    }

    private void poll() {
        pollRequested.set(false);
        try {
            boolean more = true;
            while (running && more) {
                int capacity = idleSenders.availablePermits();
                if (capacity == 0) {
                    return;
                }
                Instant now = clock.instant();
                // Only this thread enters the bulkhead, and senders only leave it, so what fits now still fits below.
                List<ClaimedDelivery> claimed = queue.claim(capacity, bulkhead.inFlight(), properties.nodeId(), now,
                        now.plus(lease));
                for (ClaimedDelivery delivery : claimed) {
                    idleSenders.acquireUninterruptibly();
                    bulkhead.enter(delivery);
                    senders.execute(() -> {
                        try {
                            sendQueue(delivery);
                        } finally {
                            bulkhead.leave(delivery);
                            idleSenders.release();
                            // The next delivery of the same opportunity may be due now.
                            deliveriesQueued();
                        }
                    });
                }
                more = claimed.size() == capacity;
            }
        } catch (RuntimeException e) {
            if (running) {
                log.warn("webhook poll failed; retrying at the next interval", e);
            }
        }
    }

    /** Sends the delivery and, while each succeeds, the next due ones of its queue (a bounded number, for fairness). */
    private void sendQueue(ClaimedDelivery first) {
        Optional<ClaimedDelivery> next = Optional.of(first);
        for (int sent = 0; next.isPresent() && running && sent < MAX_SENDS_PER_TURN; sent++) {
            ClaimedDelivery delivery = next.get();
            if (!send(delivery)) {
                return;
            }
            Instant now = clock.instant();
            next = queue.claimNextInQueue(delivery, properties.nodeId(), now, now.plus(lease));
        }
        next.ifPresent(unsent -> queue.release(unsent, properties.nodeId()));
    }

    /** Makes one attempt; answers whether it was delivered. */
    private boolean send(ClaimedDelivery delivery) {
        String owner = properties.nodeId();
        Instant started = clock.instant();
        Optional<String> refusal = guard.refusal(delivery.url());
        if (refusal.isPresent()) {
            failed(delivery, null, "target " + refusal.get(), null, started);
            return false;
        }
        String body = delivery.replay() ? Outbox.asReplay(delivery.body()) : delivery.body();
        long timestamp = started.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", delivery.eventId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature",
                        Signature.header(delivery.eventId(), timestamp, body, delivery.secrets(started)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long startNanos = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> exchange =
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The client's request timeout may leave out connecting or a slow body; this bound covers the whole
            // attempt, so a hanging receiver holds a thread for the request timeout at most.
            HttpResponse<Void> response = exchange.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            long latency = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                queue.delivered(delivery, owner, status, latency, clock.instant());
                metrics.attempted("delivered");
                return true;
            }
            failed(delivery, status, "HTTP " + status, latency, clock.instant());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            failed(delivery, null, "no answer within " + requestTimeout, elapsed(startNanos), clock.instant());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof HttpConnectTimeoutException ? "no connection within " + connectTimeout
                    : cause instanceof HttpTimeoutException ? "no answer within " + requestTimeout
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            failed(delivery, null, reason, elapsed(startNanos), clock.instant());
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            // Shutting down mid-request: the receiver may or may not have it; it is sent again, with the same id.
            queue.release(delivery, owner);
        }
        return false;
    }

    private void failed(ClaimedDelivery delivery, Integer status, String error, Long latency, Instant at) {
        Instant next = at.plus(backoff.after(delivery.attempts() + 1));
        boolean expired = next.isAfter(delivery.cycleStartedAt().plus(properties.retry().maxAge()));
        queue.failed(delivery, properties.nodeId(), status, error, latency, at, expired ? null : next);
        metrics.attempted(expired ? "dead" : "failed");
    }

    private static long elapsed(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
