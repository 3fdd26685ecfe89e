package io.dealflow.standalone.cluster;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on loopback: answers 200 to every POST and notes its {@code webhook-id} per path. */
final class WebhookReceiver {

    private final HttpServer server;
    private final Map<String, Map<String, AtomicInteger>> received = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                receiver.received.computeIfAbsent(exchange.getRequestURI().getPath(), path -> new ConcurrentHashMap<>())
                        .computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Distinct {@code webhook-id}s received on the path. */
    Set<String> ids(String path) {
        return Set.copyOf(received.getOrDefault(path, Map.of()).keySet());
    }

    /** Requests received on the path, repeats included. */
    int requests(String path) {
        return received.getOrDefault(path, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void stop() {
        server.stop(0);
    }
}
