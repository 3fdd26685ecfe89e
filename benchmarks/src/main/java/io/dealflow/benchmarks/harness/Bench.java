package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.eventstore.EventSerialization;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAccumulator;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark of issue 7. Starts the standalone server jar as a process of its own on a fresh data
 * directory, drives it over HTTP from this JVM, measures the raw-commit baseline against the server's PostgreSQL in
 * the same run, and prints one JSON object per scenario, then the targets table. Builds nothing: build the jar first.
 *
 * <pre>./mvnw -B -q package -DskipTests &&
 *   java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath)" \
 *   io.dealflow.benchmarks.harness.Bench --quick</pre>
 */
public final class Bench {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(3);

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
        System.exit(0);
    }

    /** Runs every scenario; returns the run's document (also written to the results directory, if any). */
    public static ObjectNode run(BenchOptions options, PrintStream out) throws Exception {
        ObjectNode document = Api.JSON.createObjectNode();
        document.put("date", LocalDate.now(ZoneOffset.UTC).toString()).put("mode", options.mode());
        ObjectNode machine = document.putObject("machine");
        machine.setAll(Machine.facts());
        List<ObjectNode> scenarios = new ArrayList<>();
        Path workDirectory = Files.createTempDirectory("dealflow-bench");
        String key = "bench-" + UUID.randomUUID();
        List<String> serverArguments = new ArrayList<>(options.serverArguments());
        if (options.apiNodes() > 0) {
            serverArguments.add("--dealflow.roles=projections,webhooks");
        }
        List<ServerProcess> apiNodes = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(options.jar(), workDirectory, key,
                options.serverJvmOptions(), serverArguments)) {
            double startup = server.awaitHealthy(STARTUP_LIMIT);
            int postgresPort = server.postgresPort();
            ServerDatabase database = new ServerDatabase(postgresPort);
            machine.put("postgresql", Machine.postgres(database));
            machine.put("server_jvm_options", String.join(" ", options.serverJvmOptions()));
            machine.put("server_arguments", String.join(" ", serverArguments));
            double idleRss = server.rssMegabytes();
            out.printf("server up in %.1f s (pid %d, PostgreSQL on port %d), idle RSS %.0f MB%n", startup,
                    server.pid(), postgresPort, idleRss);
            machine.put("topology", options.apiNodes() == 0 ? "one node with every role"
                    : "a projections,webhooks node with the embedded PostgreSQL and " + options.apiNodes()
                    + " api node(s) on its database, requests round-robin");
            for (int node = 0; node < options.apiNodes(); node++) {
                apiNodes.add(startApiNode(options, workDirectory.resolve("api-" + node), key, postgresPort, out));
            }
            List<String> apiUrls = apiNodes.isEmpty() ? List.of(server.baseUrl())
                    : apiNodes.stream().map(ServerProcess::baseUrl).toList();
            List<Long> serverPids = new ArrayList<>(List.of(server.pid()));
            apiNodes.forEach(node -> serverPids.add(node.pid()));

            Api api = new Api(apiUrls, key);
            DoubleAccumulator peakRss = new DoubleAccumulator(Math::max, idleRss);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peakRss.accumulate(server.rssMegabytes()), 0, 250,
                    TimeUnit.MILLISECONDS);
            Consumer<ObjectNode> report = scenario -> {
                scenarios.add(scenario);
                out.println(scenario);
            };
            try (RawCommitBaseline baseline = new RawCommitBaseline(database, samplePayload(), sampleMetaData())) {
                if (options.scenarios().contains("commands")) {
                    CpuMeter cpu = new CpuMeter(serverPids, server.postmasterPid());
                    new CommandsScenario(options, api, baseline, cpu, report).run();
                }
                if (options.scenarios().contains("queries")) {
                    new QueriesScenario(options, api, database, report).run();
                }
                if (options.scenarios().contains("bulk")) {
                    new BulkScenario(options, api, server.baseUrl(), key, report).run();
                }
                if (options.scenarios().contains("tasks")) {
                    new TasksScenario(options, api, database, report).run();
                }
                if (options.scenarios().contains("replay")) {
                    new ReplayScenario(api, report)
                            .run(database.scalar("SELECT count(*) FROM event_store.domain_event_entry"));
                }
            } catch (RuntimeException | Error e) {
                out.println("the run failed; the server's last log lines:\n" + server.tailOfLog(30));
                throw e;
            } finally {
                sampler.shutdownNow();
            }
            ObjectNode resources = Figures.scenario("resources");
            resources.put("startup_s", Figures.round(startup, 2))
                    .put("startup_note", "jar start to health UP on a fresh data directory (initdb included)")
                    .put("rss_mb_idle", Figures.round(idleRss, 0))
                    .put("rss_mb_under_load", Figures.round(peakRss.get(), 0))
                    .put("rss_note", "VmRSS of the server JVM (PostgreSQL runs in processes of its own);"
                            + " under load: the peak of samples every 250 ms during the scenarios");
            report.accept(resources);
        } finally {
            for (ServerProcess node : apiNodes) {
                node.close();
            }
            deleteRecursively(workDirectory);
        }
        machine.put("load_average_at_end", Machine.loadAverage());
        ArrayNode scenarioArray = document.putArray("scenarios");
        scenarios.forEach(scenarioArray::add);
        ArrayNode targets = Targets.compare(scenarios);
        document.set("targets", targets);
        Targets.print(targets, out);
        if (options.resultsDirectory() != null) {
            Files.createDirectories(options.resultsDirectory());
            Path file = options.resultsDirectory().resolve(document.path("date").asText() + "-" + options.mode()
                    + ".json");
            Files.writeString(file, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
            out.println("results written to " + file);
        }
        return document;
    }

    /** An {@code api} node on the first node's embedded PostgreSQL, with the same JVM options; waits until it is up. */
    private static ServerProcess startApiNode(BenchOptions options, Path directory, String key, int postgresPort,
                                              PrintStream out) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(options.serverArguments());
        arguments.addAll(List.of("--dealflow.roles=api",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgresPort + "/postgres",
                "--spring.datasource.username=postgres"));
        ServerProcess node = ServerProcess.start(options.jar(), directory, key, options.serverJvmOptions(),
                arguments);
        try {
            out.printf("api node up in %.1f s (pid %d)%n", node.awaitHealthy(STARTUP_LIMIT), node.pid());
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    /** The payload of a typical event (a stage move), as the event store serializes it, for the baseline's rows. */
    private static byte[] samplePayload() {
        Serializer serializer = EventSerialization.eventSerializer();
        String id = UUID.randomUUID().toString();
        return serializer.serialize(new OpportunityStageMoved(id, "bench-commands", UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                byte[].class).getData();
    }

    /** Metadata as a command over HTTP attaches it: actor, door, request and correlation ids. */
    private static byte[] sampleMetaData() {
        String requestId = UUID.randomUUID().toString();
        return EventSerialization.eventSerializer().serialize(MetaData.from(Map.of(
                EventMetadata.ACTOR, "key:" + UUID.randomUUID(), EventMetadata.ACTOR_NAME, "operator",
                EventMetadata.DOOR, "native", EventMetadata.REQUEST_ID, requestId,
                EventMetadata.CORRELATION_ID, requestId, EventMetadata.CAUSATION_ID, UUID.randomUUID().toString())),
                byte[].class).getData();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
