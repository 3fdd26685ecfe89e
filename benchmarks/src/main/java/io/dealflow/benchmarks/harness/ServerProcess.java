package io.dealflow.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone server under test, as a separate process started from its jar with the JDK running this harness, on
 * a fresh data directory (so a fresh embedded PostgreSQL with the server's own durable settings) and a bootstrap key.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern POSTGRES_PORT = Pattern.compile("Embedded PostgreSQL is up on port (\\d+)");

    /** The README run command's heap and collector, which the build's training start uses as well. */
    static final List<String> README_JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    /**
     * The README run command's JVM options for this jar: its heap and collector, and the class-data sharing archive
     * the build recorded beside the jar, when there is one.
     */
    static List<String> readmeJvmOptions(Path jar) {
        List<String> options = new ArrayList<>(README_JVM_OPTIONS);
        Path archive = jar.toAbsolutePath().resolveSibling("dealflow.jsa");
        if (Files.isRegularFile(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        }
        return List.copyOf(options);
    }

    private final Process process;
    private final Path dataDirectory;
    private final Path log;
    private final int port;
    private final long startedAt;

    private ServerProcess(Process process, Path dataDirectory, Path log, int port, long startedAt) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.log = log;
        this.port = port;
        this.startedAt = startedAt;
    }

    /** Starts the jar; returns at once, see {@link #awaitHealthy(Duration)}. */
    static ServerProcess start(Path jar, Path dataDirectory, String bootstrapKey, List<String> jvmOptions,
                               List<String> arguments) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath()
                    + "; build it first: ./mvnw -B -q package -DskipTests");
        }
        int port = freePort();
        Path log = dataDirectory.resolve("server.log");
        Files.createDirectories(dataDirectory);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--dealflow.data-dir=" + dataDirectory.resolve("data"),
                "--dealflow.security.bootstrap-key=" + bootstrapKey));
        command.addAll(arguments);
        long startedAt = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ServerProcess(process, dataDirectory, log, port, startedAt);
    }

    /** Waits until {@code /actuator/health} says UP; returns the seconds since the process started. */
    double awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = startedAt + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; its log:\n"
                        + tailOfLog(40));
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("\"UP\"")) {
                    return (System.nanoTime() - startedAt) / 1e9;
                }
            } catch (IOException notListeningYet) {
                // the port opens late in the start-up
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("the server was not healthy after " + timeout + "; its log:\n"
                + tailOfLog(40));
    }

    String baseUrl() {
        return "http://localhost:" + port;
    }

    long pid() {
        return process.pid();
    }

    /** The port of the server's embedded PostgreSQL, from the line the server logs when it is up. */
    int postgresPort() throws IOException {
        Matcher matcher = POSTGRES_PORT.matcher(Files.readString(log));
        if (!matcher.find()) {
            throw new IllegalStateException("the server log names no embedded PostgreSQL port: " + log);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The pid of the embedded PostgreSQL's postmaster, which pg_ctl detached from the server's process tree. */
    long postmasterPid() throws IOException {
        Path pidFile = dataDirectory.resolve("data").resolve("postgres").resolve("postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** Resident memory of the server's JVM (not of PostgreSQL, which runs in processes of its own). */
    double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // no /proc (not Linux) or the process is gone
        }
        return Double.NaN;
    }

    String tailOfLog(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the server as an operator would (SIGTERM: Spring closes, PostgreSQL shuts down); a server that does not
     * stop within a minute is killed, and the PostgreSQL it leaves behind is stopped from its pid file.
     */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopLeftoverPostgres(dataDirectory.resolve("data").resolve("postgres").resolve("postmaster.pid"));
    }

    private static void stopLeftoverPostgres(Path pidFile) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postgres = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
        postgres.ifPresent(handle -> {
            handle.destroy();
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
