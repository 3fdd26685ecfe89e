package io.dealflow.security.apikey;

import io.dealflow.security.testapp.SecurityTestApplication;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures what authenticating a request costs with the key cache and without it: two instances of the probe
 * application on one database, one with {@code dealflow.security.key-cache-ttl=30s}, one with {@code 0}, driven
 * alternately by closed-loop clients over HTTP with a key, in interleaved rounds. Per variant: requests per second,
 * p50 and p99 latency, CPU per request of this JVM (clients and both servers; the clients' share is the same for both)
 * and of the PostgreSQL backends of the database, and key lookups in the table per request. Run by hand:
 * {@code java -cp <test classpath> io.dealflow.security.apikey.KeyCacheBenchmark [clients] [rounds] [seconds]}.
 */
public final class KeyCacheBenchmark {

    private static final long CLOCK_TICK_NANOS = 10_000_000L;

    private record Variant(String name, ConfigurableApplicationContext context, URI uri, ApiKeys keys) {
    }

    private record Phase(long requests, long nanos, long[] latencies, long jvmCpuNanos, long postgresCpuNanos,
                         long tableReads) {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration phase = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 3);
        String url = TestDatabase.freshDatabaseUrl();
        List<Variant> variants = List.of(start("cached", url, "30s"), start("uncached", url, "0"));
        JdbcTemplate jdbc = variants.get(0).context().getBean(JdbcTemplate.class);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ExecutorService pool = Executors.newFixedThreadPool(clients);

        for (Variant variant : variants) {
            run(variant, http, pool, clients, phase, jdbc);
        }
        List<List<Phase>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < variants.size(); i++) {
                int v = (round % 2 == 0) ? i : variants.size() - 1 - i;
                results.get(v).add(run(variants.get(v), http, pool, clients, phase, jdbc));
            }
        }
        System.out.printf("%d clients, %d interleaved rounds of %d s per variant, GET of a probe endpoint%n", clients,
                rounds, phase.toSeconds());
        System.out.printf("%-9s %9s %9s %9s %14s %14s %13s%n", "variant", "req/s", "p50 us", "p99 us",
                "jvm cpu us/req", "pg cpu us/req", "reads/req");
        for (int v = 0; v < variants.size(); v++) {
            print(variants.get(v).name(), results.get(v));
        }
        pool.shutdown();
        for (Variant variant : variants) {
            variant.context().close();
        }
        System.exit(0);
    }

    private static Variant start(String name, String url, String ttl) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SecurityTestApplication.class)
                .properties("spring.datasource.url=" + url, "spring.datasource.username=postgres",
                        "spring.datasource.password=", "server.port=0", "logging.level.root=WARN",
                        "spring.flyway.enabled=false", "axon.axonserver.enabled=false",
                        "axoniq.update-checker.disabled=true", "dealflow.data-dir=target/test-data",
                        "dealflow.security.bootstrap-key=" + TestKeys.OPERATOR,
                        "dealflow.security.key-cache-ttl=" + ttl)
                .run();
        String port = context.getEnvironment().getProperty("local.server.port");
        return new Variant(name, context,
                URI.create("http://localhost:" + port + "/api/v1/locations/bench/opportunities/o1"),
                context.getBean(ApiKeys.class));
    }

    private static Phase run(Variant variant, HttpClient http, ExecutorService pool, int clients, Duration length,
                             JdbcTemplate jdbc) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(variant.uri())
                .header("Authorization", "Bearer " + TestKeys.OPERATOR).GET().build();
        List<Long> backends = jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
                Long.class);
        long postgresBefore = postgresCpu(backends);
        long readsBefore = variant.keys().tableReads();
        long cpuBefore = jvmCpu();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Future<long[]>> work = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Callable<long[]> client = () -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long sent = System.nanoTime();
                    HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("answer " + response.statusCode());
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, n);
            };
            work.add(pool.submit(client));
        }
        long[] all = new long[0];
        for (Future<long[]> done : work) {
            long[] latencies = done.get();
            int at = all.length;
            all = Arrays.copyOf(all, at + latencies.length);
            System.arraycopy(latencies, 0, all, at, latencies.length);
        }
        long nanos = System.nanoTime() - start;
        long cpu = jvmCpu() - cpuBefore;
        long reads = variant.keys().tableReads() - readsBefore;
        long postgres = postgresCpu(backends) - postgresBefore;
        Arrays.sort(all);
        return new Phase(all.length, nanos, all, cpu, postgres, reads);
    }

    private static void print(String name, List<Phase> phases) {
        long requests = phases.stream().mapToLong(Phase::requests).sum();
        long nanos = phases.stream().mapToLong(Phase::nanos).sum();
        long[] latencies = phases.stream().flatMapToLong(phase -> Arrays.stream(phase.latencies())).sorted()
                .toArray();
        System.out.printf("%-9s %9.0f %9.0f %9.0f %14.1f %14.1f %13.3f%n", name, requests * 1e9 / nanos,
                latencies[latencies.length / 2] / 1e3, latencies[(int) (latencies.length * 0.99)] / 1e3,
                phases.stream().mapToLong(Phase::jvmCpuNanos).sum() / 1e3 / requests,
                phases.stream().mapToLong(Phase::postgresCpuNanos).sum() / 1e3 / requests,
                (double) phases.stream().mapToLong(Phase::tableReads).sum() / requests);
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** User and system time of these PostgreSQL backends, from /proc (Linux), in nanoseconds. */
    private static long postgresCpu(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException gone) {
                // a backend that ended between the two readings; pools keep theirs for the whole run
            }
        }
        return ticks * CLOCK_TICK_NANOS;
    }
}
