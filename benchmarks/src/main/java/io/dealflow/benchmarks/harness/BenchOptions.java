package io.dealflow.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one run of {@link Bench} does: its mode and the sizes and durations that follow from it.
 *
 * @param mode               {@code quick}, {@code full} or {@code smoke}; names the results file
 * @param jar                the standalone server jar to start
 * @param resultsDirectory   where {@code <date>-<mode>.json} is written; null writes nothing
 * @param commandClients     concurrent clients of the commands scenario (and the raw baseline)
 * @param queryClients       concurrent clients of the queries scenario
 * @param pipelines          pipelines the commands scenario spreads its opportunities over
 * @param opportunities      opportunities created before the commands scenario measures
 * @param warmUp             load before the commands are measured (closed and open loop), not recorded
 * @param commandsDuration   measured time of the commands scenario (closed and open loop)
 * @param shortWarmUp        load before each raw baseline round and each query endpoint, not recorded: by then the
 *                           server's code is compiled, and only connections and caches need a moment
 * @param baselineDuration   measured time of each raw baseline round
 * @param queryDuration      measured time per query endpoint
 * @param querySizes         opportunity counts at which the queries are measured, ascending
 * @param openLoopRate       commands per second of the open-loop commands scenario; 0: half the rate the closed loop
 *                           reached in the same run (an unsaturated server, where projection lag means latency)
 * @param serverJvmOptions   JVM options of the server process: the README's unless {@code --server-jvm} are given
 * @param serverArguments    extra arguments of the server application ({@code --name=value} properties)
 * @param scenarios          which of {@code commands}, {@code queries}, {@code replay}, {@code bulk}, {@code tasks} run
 *                           (start-up and memory always)
 * @param apiNodes           0: one server with every role (the README's run); n: a {@code projections,webhooks} node
 *                           with the embedded PostgreSQL and n {@code api} nodes on its database, the clients spread
 *                           over them round-robin ({@code commands} only)
 */
public record BenchOptions(String mode, Path jar, Path resultsDirectory, int commandClients, int queryClients,
                           int pipelines, int opportunities, Duration warmUp, Duration commandsDuration,
                           Duration shortWarmUp, Duration baselineDuration, Duration queryDuration, List<Integer> querySizes, int openLoopRate,
                           List<String> serverJvmOptions, List<String> serverArguments,
                           Set<String> scenarios, int apiNodes) {

    static final Set<String> SCENARIOS = Set.of("commands", "queries", "replay", "bulk", "tasks");
    /** What runs without --scenarios: {@code bulk} (several minutes) and {@code tasks} (100,000 tasks) only when named. */
    static final Set<String> DEFAULT_SCENARIOS = Set.of("commands", "queries", "replay");
    static final String USAGE = """
            usage: Bench [--quick | --full | --smoke] [--jar PATH] [--results DIR | --no-results]
                         [--clients N] [--open-loop RATE] [--server-jvm OPTION]...
                         [--server-arg ARG]... [--opportunities N] [--scenarios LIST] [--api-nodes N]
              --quick           under 5 minutes on 2 cores: queries at 50k opportunities (default)
              --full            queries at 100k and 1M opportunities, replay over 1M+ events (under 30 minutes)
              --smoke           seconds: tiny sizes, to check the harness itself
              --jar PATH        server jar (default standalone/target/dealflow/dealflow-standalone.jar)
              --results DIR     where <date>-<mode>.json goes (default benchmarks/results)
              --clients N       concurrent command clients (default 16)
              --open-loop RATE  drive the open-loop commands round at RATE per second (default: half the
                                closed loop's rate in the same run)
              --server-jvm OPT  a JVM option of the server process, e.g. -Xmx512m; repeatable; replaces the
                                README's options (-Xmx384m -XX:+UseSerialGC and the jar's dealflow.jsa)
              --server-arg ARG  an argument of the server, e.g. --server.tomcat.threads.max=50; repeatable
              --opportunities N deals created before the commands scenario measures (default 10000; quick 3000)
              --scenarios LIST  comma-separated subset of commands,queries,replay,bulk,tasks
                                (default: commands,queries,replay)
              --api-nodes N     several nodes on one PostgreSQL: a projections,webhooks node (with the embedded
                                PostgreSQL) and N api nodes on its database, commands spread round-robin over
                                the api nodes; server CPU is the sum of every node (needs --scenarios commands)""";

    public BenchOptions {
        serverJvmOptions = List.copyOf(serverJvmOptions);
        serverArguments = List.copyOf(serverArguments);
        querySizes = List.copyOf(querySizes);
        scenarios = Set.copyOf(scenarios);
        if (!SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("scenarios are " + SCENARIOS + ", not " + scenarios + "\n" + USAGE);
        }
        if (apiNodes > 0 && !scenarios.equals(Set.of("commands"))) {
            throw new IllegalArgumentException("--api-nodes runs --scenarios commands only\n" + USAGE);
        }
    }

    /** Reads the command line; throws {@link IllegalArgumentException} with the usage on anything unknown. */
    public static BenchOptions parse(String... args) {
        String mode = "quick";
        Path jar = Path.of("standalone/target/dealflow/dealflow-standalone.jar");
        Path results = Path.of("benchmarks/results");
        Integer clients = null;
        int openLoopRate = 0;
        List<String> jvm = new ArrayList<>();
        List<String> serverArguments = new ArrayList<>();
        Integer opportunities = null;
        Set<String> scenarios = DEFAULT_SCENARIOS;
        int apiNodes = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick", "--full", "--smoke" -> mode = arg.substring(2);
                case "--jar" -> jar = Path.of(value(args, ++i, arg));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                case "--no-results" -> results = null;
                case "--clients" -> clients = positive(value(args, ++i, arg), arg);
                case "--open-loop" -> openLoopRate = positive(value(args, ++i, arg), arg);
                case "--server-jvm" -> jvm.add(value(args, ++i, arg));
                case "--server-arg" -> serverArguments.add(value(args, ++i, arg));
                case "--opportunities" -> opportunities = positive(value(args, ++i, arg), arg);
                case "--scenarios" -> scenarios = Set.of(value(args, ++i, arg).split(","));
                case "--api-nodes" -> apiNodes = positive(value(args, ++i, arg), arg);
                default -> throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
        }
        if (jvm.isEmpty()) {
            jvm.addAll(ServerProcess.readmeJvmOptions(jar));
        }
        BenchOptions defaults = switch (mode) {
            case "full" -> new BenchOptions(mode, jar, results, 16, 8, 20, 10_000, seconds(30), seconds(60),
                    seconds(5), seconds(30), seconds(15), List.of(100_000, 1_000_000), openLoopRate, jvm,
                    serverArguments, scenarios, 0);
            case "smoke" -> new BenchOptions(mode, jar, results, 4, 2, 2, 100, Duration.ofMillis(500), seconds(2),
                    Duration.ofMillis(500), seconds(1), seconds(1), List.of(500), openLoopRate, jvm,
                    serverArguments, scenarios, 0);
            default -> new BenchOptions(mode, jar, results, 16, 8, 20, 3_000, seconds(10), seconds(15),
                    seconds(3), seconds(10), seconds(6), List.of(50_000), openLoopRate, jvm, serverArguments,
                    scenarios, 0);
        };
        return new BenchOptions(mode, jar, results, clients == null ? defaults.commandClients() : clients,
                defaults.queryClients(), defaults.pipelines(),
                opportunities == null ? defaults.opportunities() : opportunities, defaults.warmUp(),
                defaults.commandsDuration(), defaults.shortWarmUp(), defaults.baselineDuration(),
                defaults.queryDuration(), defaults.querySizes(), openLoopRate, jvm, serverArguments, scenarios,
                apiNodes);
    }

    private static Duration seconds(int seconds) {
        return Duration.ofSeconds(seconds);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, with the option's name
        }
        throw new IllegalArgumentException(option + " needs a positive whole number, not " + value + "\n" + USAGE);
    }
}
