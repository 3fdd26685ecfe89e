package io.dealflow.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A webhook receiver on loopback (JDK {@link HttpServer}) that records every request it gets and answers as told:
 * 2xx, an error status, slowly, or not at all while it is down.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Request(String webhookId, String timestamp, String signature, String body, int answeredWith) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsPerId = new ConcurrentHashMap<>();
    private volatile Function<Integer, Integer> statusForAttempt = attempt -> 204;
    private volatile Duration delay = Duration.ZERO;
    private final int port;
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "test-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private HttpServer server;

    private Receiver(int port) throws IOException {
        this.port = port;
        up();
    }

    /** A receiver on a free loopback port. */
    public static Receiver start() throws IOException {
        return new Receiver(0);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Answers with the status given the attempt number (1 for the first) of each webhook id. */
    public Receiver answering(Function<Integer, Integer> status) {
        this.statusForAttempt = status;
        return this;
    }

    /** Waits that long before answering. */
    public Receiver answeringAfter(Duration wait) {
        this.delay = wait;
        return this;
    }

    /** Stops listening: connections are refused until {@link #up()}. */
    public void down() {
        server.stop(0);
    }

    /** Listens again, on the same port. */
    public void up() throws IOException {
        int listenOn = server == null ? port : server.getAddress().getPort();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenOn), 50);
        server.setExecutor(handlers);
        server.createContext("/hook", this::handle);
        server.start();
    }

    /** Every request so far, in arrival order. */
    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /**
     * The first 2xx-answered request of each webhook id, in arrival order. A slow answer can make the sender try
     * again, so an id may arrive more than once; receivers are expected to drop repeats by id.
     */
    public List<Request> acceptedOnce() {
        Set<String> seen = new HashSet<>();
        return accepted().stream().filter(request -> seen.add(request.webhookId())).toList();
    }

    /** The webhook ids of every request as it came in, answered yet or not (a hanging one is here at once). */
    public List<String> arrivals() {
        return new ArrayList<>(arrivals);
    }

    /** The requests answered with 2xx, in arrival order. */
    public List<Request> accepted() {
        return requests.stream().filter(request -> request.answeredWith() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        arrivals.add(String.valueOf(id));
        int attempt = attemptsPerId.computeIfAbsent(String.valueOf(id), key -> new AtomicInteger()).incrementAndGet();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = statusForAttempt.apply(attempt);
        requests.add(new Request(id, exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body, status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
