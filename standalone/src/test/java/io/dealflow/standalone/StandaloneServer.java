package io.dealflow.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone server in a child JVM, started from the test class path, so a test can kill it with SIGKILL and start
 * it again on the same data directory.
 */
final class StandaloneServer {

    static final String OPERATOR_KEY = "df_test_operator_key_0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final int port;
    private final Path log;

    private StandaloneServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts a server on the data directory; does not wait for it. */
    static StandaloneServer start(Path dataDirectory, Path log) throws IOException {
        return start(dataDirectory, log, new String[0]);
    }

    /** Starts a server on the data directory with more arguments; does not wait for it. */
    static StandaloneServer start(Path dataDirectory, Path log, String... arguments) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                StandaloneApplication.class.getName(),
                "--server.port=" + port,
                "--dealflow.data-dir=" + dataDirectory,
                "--dealflow.security.bootstrap-key=" + OPERATOR_KEY));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new StandaloneServer(process, port, log);
    }

    /** Waits until {@code /actuator/health} says UP. */
    StandaloneServer awaitUp(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (call("GET", "/actuator/health", null).body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server not UP within " + timeout + "; see " + log);
    }

    HttpResponse<String> call(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY)
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /actuator/health} as a monitor asks it: without an API key. */
    HttpResponse<String> health() throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hooks, no clean close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Normal shutdown (SIGTERM). */
    void stop() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }
}
