package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's HTTP API as the benchmark clients see it: JSON over HTTP/1.1 with the operator key, one shared JDK
 * {@link HttpClient} (it keeps a pool of connections, so concurrent clients do not reconnect per request). Given
 * several api nodes, each request goes to the next one, as a round-robin balancer would send it.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSISTENCY_TOKEN = "Consistency-Token";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> baseUrls;
    private final AtomicInteger next = new AtomicInteger();
    private final String authorization;

    Api(String baseUrl, String key) {
        this(List.of(baseUrl), key);
    }

    Api(List<String> baseUrls, String key) {
        this.baseUrls = List.copyOf(baseUrls);
        this.authorization = "Bearer " + key;
    }

    /** A status and a body; {@code token} is the answer's {@code Consistency-Token} header, if any. */
    record Answer(int status, String body, String token) {

        boolean ok() {
            return status / 100 == 2;
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (" + status + "): " + body, e);
            }
        }

        /** Fails with the answer in the message unless it is a 2xx. */
        Answer expectOk(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return this;
        }
    }

    Answer post(String path, Object body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .header("Content-Type", "application/json").build());
    }

    Answer get(String path) {
        return get(path, null);
    }

    /** A GET that waits for the read model to cover {@code consistencyToken} (null: answers from what is there). */
    Answer get(String path, String consistencyToken) {
        HttpRequest.Builder request = request(path).GET();
        if (consistencyToken != null) {
            request.header(CONSISTENCY_TOKEN, consistencyToken);
        }
        return send(request.build());
    }

    /** Whether a request failed only because the server did not answer in time (busy, e.g. catching up). */
    static boolean timedOut(UncheckedIOException failure) {
        return failure.getCause() instanceof HttpTimeoutException;
    }

    private HttpRequest.Builder request(String path) {
        String baseUrl = baseUrls.get(Math.floorMod(next.getAndIncrement(), baseUrls.size()));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue(CONSISTENCY_TOKEN).orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String write(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
