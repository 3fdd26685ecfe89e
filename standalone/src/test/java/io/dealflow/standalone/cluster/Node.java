package io.dealflow.standalone.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One node of the cluster: the packaged server jar in a process of its own, with its roles. */
final class Node {

    static final String OPERATOR_KEY = "df_cluster_it_operator_key_0123456789abcdef";
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private Node(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts {@code java -jar} of the packaged server on the external database; does not wait for it. */
    static Node start(String name, String roles, String jdbcUrl, Path work) throws IOException {
        String jar = System.getProperty("dealflow.standalone.jar", "target/dealflow-standalone.jar");
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: the cluster test runs after `package`");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = work.resolve(name + ".log");
        Path data = Files.createDirectories(work.resolve(name + "-data"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: three of them share two cores with PostgreSQL and the test.
                "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar,
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.maximum-pool-size=10",
                "--dealflow.roles=" + roles,
                "--dealflow.node-id=" + name,
                "--dealflow.data-dir=" + data,
                "--dealflow.security.bootstrap-key=" + OPERATOR_KEY,
                "--dealflow.webhooks.allow-private-targets=true",
                // A killed node's delivery leases run out after connect + request timeout + 5 s.
                "--dealflow.webhooks.http.connect-timeout=1s",
                "--dealflow.webhooks.http.request-timeout=2s",
                "--logging.level.root=warn",
                "--logging.level.io.dealflow=info"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new Node(name, process, port, log);
    }

    /** Waits until {@code /actuator/health} says UP. */
    void awaitUp() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (call("GET", "/actuator/health", null).body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not UP within 120 s; see " + log);
    }

    HttpResponse<String> call(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        return callAs(OPERATOR_KEY, method, path, json, headers);
    }

    HttpResponse<String> callAs(String key, String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hook runs, claims and leases stay behind as a crash leaves them. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
