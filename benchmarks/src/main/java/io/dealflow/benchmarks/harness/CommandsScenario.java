package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scenarios {@code commands} and {@code projection_lag}, framed by two rounds of the raw-commit baseline (before and
 * after, so drift of the shared machine shows), and {@code commands_open_loop} when asked for.
 */
final class CommandsScenario {

    private static final String LOCATION = "bench-commands";
    private static final int OPEN_LOOP_WORKERS = 64;

    private final BenchOptions options;
    private final Api api;
    private final RawCommitBaseline baseline;
    private final Consumer<ObjectNode> report;
    private final CpuMeter cpu;

    CommandsScenario(BenchOptions options, Api api, RawCommitBaseline baseline, CpuMeter cpu,
                     Consumer<ObjectNode> report) {
        this.options = options;
        this.cpu = cpu;
        this.api = api;
        this.baseline = baseline;
        this.report = report;
    }

    void run() throws Exception {
        int clients = options.commandClients();
        LoadDriver.Result rawBefore = baseline.run(clients, options.shortWarmUp(), options.baselineDuration());

        CommandMix mix = CommandMix.withPipelines(api, LOCATION, options.pipelines());
        List<CommandMix.Client> owners = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            owners.add(mix.client(client));
        }
        LoadDriver.Result preload = LoadDriver.closedLoopCount(clients, options.opportunities(),
                client -> owners.get(client)::create);

        long measureFrom = System.nanoTime() + options.warmUp().toNanos();
        LagProbes closedLoopLag = LagProbes.start(api, mix, 1001, measureFrom);
        LoadDriver.Result commands;
        ScheduledExecutorService meter = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<CpuMeter.Reading> cpuAtStart = meter.schedule(cpu::read, options.warmUp().toNanos(),
                TimeUnit.NANOSECONDS);
        CpuMeter.Reading cpuUsed;
        try {
            commands = LoadDriver.closedLoop(clients, options.warmUp(), options.commandsDuration(),
                    client -> owners.get(client)::next);
            cpuUsed = cpu.read().minus(cpuAtStart.get());
        } finally {
            meter.shutdownNow();
            closedLoopLag.stop();
        }

        LoadDriver.Result rawAfter = baseline.run(clients, options.shortWarmUp(), options.baselineDuration());
        // The better round is the ceiling: the ratio is then the harder one to meet.
        double raw = Math.max(rawBefore.perSecond(), rawAfter.perSecond());

        ObjectNode baselineFigures = Figures.scenario("raw_commits");
        baselineFigures.put("clients", clients).put("raw_commits_per_s", Figures.round(raw, 0));
        Figures.load(baselineFigures, "before_", rawBefore);
        Figures.load(baselineFigures, "after_", rawAfter);
        report.accept(baselineFigures);

        ObjectNode figures = Figures.scenario("commands");
        figures.put("clients", clients).put("pipelines", options.pipelines())
                .put("opportunities_before", options.opportunities())
                .put("commands_per_s", Figures.round(commands.perSecond(), 0))
                .put("raw_commits_per_s", Figures.round(raw, 0))
                .put("ratio_to_raw", Figures.round(commands.perSecond() / raw, 2));
        Figures.load(figures, "", commands);
        // Probes and projections run too: this is the cost of a command with everything it sets off.
        figures.put("server_cpu_ms_per_command", Figures.round(cpuUsed.server() * 1000 / commands.operations(), 2))
                .put("postgres_cpu_ms_per_command", Figures.round(cpuUsed.postgres() * 1000 / commands.operations(), 2))
                .put("client_cpu_ms_per_command", Figures.round(cpuUsed.client() * 1000 / commands.operations(), 2))
                .put("cores_busy_server_postgres_client", Figures.round(
                        (cpuUsed.server() + cpuUsed.postgres() + cpuUsed.client()) / commands.seconds(), 2));
        Figures.load(figures, "preload_creates_", preload);
        figures.put("mix", "50% create, 40% move-stage, 10% mark-won/lost; each client on its own deals");
        report.accept(figures);

        report.accept(closedLoopLag.figures("projection_lag", "commands (closed loop, saturated)"));

        // A saturated server queues every projection behind the commands; at half that rate the lag is latency.
        int rate = options.openLoopRate() > 0 ? options.openLoopRate()
                : Math.max(1, (int) Math.round(commands.perSecond() / 2));
        List<CommandMix.Client> workers = new ArrayList<>();
        for (int worker = 0; worker < OPEN_LOOP_WORKERS; worker++) {
            workers.add(mix.client(2000 + worker));
        }
        LagProbes openLoopLag = LagProbes.start(api, mix, 1003, System.nanoTime() + options.warmUp().toNanos());
        LoadDriver.Result open;
        try {
            open = LoadDriver.openLoop(rate, OPEN_LOOP_WORKERS, options.warmUp(), options.commandsDuration(),
                    worker -> workers.get(worker)::next);
        } finally {
            openLoopLag.stop();
        }
        ObjectNode openFigures = Figures.scenario("commands_open_loop");
        openFigures.put("rate_per_s", rate).put("max_in_flight", OPEN_LOOP_WORKERS);
        Figures.load(openFigures, "", open);
        openFigures.put("note", "latency from each request's due time (coordinated omission corrected)");
        report.accept(openFigures);
        report.accept(openLoopLag.figures("projection_lag_open_loop", "commands_open_loop at " + rate + "/s"));
    }

    /** The board and search lag probes beside one round of commands. */
    private record LagProbes(LagProbe board, LagProbe search, Thread boardThread, Thread searchThread) {

        static LagProbes start(Api api, CommandMix mix, int firstClient, long measureFrom) {
            LagProbe board = new LagProbe(api, mix.client(firstClient), deal -> mix.base() + "/pipelines/"
                    + deal.pipeline.id() + "/board?limit=1");
            LagProbe search = new LagProbe(api, mix.client(firstClient + 1), deal -> mix.base()
                    + "/opportunities?pipelineId=" + deal.pipeline.id() + "&stageId="
                    + deal.pipeline.stageIds().get(deal.stage) + "&limit=1");
            board.measureFrom(measureFrom);
            search.measureFrom(measureFrom);
            LagProbes probes = new LagProbes(board, search, new Thread(board, "lag-probe-board"),
                    new Thread(search, "lag-probe-search"));
            probes.boardThread.start();
            probes.searchThread.start();
            return probes;
        }

        void stop() throws InterruptedException {
            board.stop();
            search.stop();
            boardThread.join();
            searchThread.join();
        }

        ObjectNode figures(String scenario, String during) {
            ObjectNode lag = Figures.scenario(scenario);
            lag.put("during", during).put("probes_per_s", 10);
            lagFigures(lag, "board_", board);
            lagFigures(lag, "search_", search);
            lag.put("note", "time from a move-stage answer to the answer of a query carrying its Consistency-Token;"
                    + " includes the query itself; the server polls processor positions every 15 ms");
            return lag;
        }
    }

    private static void lagFigures(ObjectNode into, String prefix, LagProbe probe) {
        Histogram micros = probe.micros();
        into.put(prefix + "samples", micros.getTotalCount()).put(prefix + "not_visible_within_5s", probe.unanswered());
        Figures.latencies(into, prefix, micros);
    }
}
