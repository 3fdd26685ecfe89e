package io.dealflow.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time spent by the server's JVM, by its PostgreSQL (the postmaster and its backends) and by this harness, read
 * from {@code /proc}: divided by the work done in between, it says what one command costs, which on a machine whose
 * cores are shared is what bounds throughput. Zero off Linux.
 */
final class CpuMeter {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final List<Long> serverPids;
    private final long postmasterPid;

    /** Counts the JVMs of {@code serverPids} together as the server (one, or every node of a cluster). */
    CpuMeter(List<Long> serverPids, long postmasterPid) {
        this.serverPids = List.copyOf(serverPids);
        this.postmasterPid = postmasterPid;
    }

    /** CPU seconds used so far. */
    record Reading(double server, double postgres, double client) {

        Reading minus(Reading earlier) {
            return new Reading(server - earlier.server, postgres - earlier.postgres, client - earlier.client);
        }
    }

    Reading read() {
        // Backends that ended in between are missed; the pool's connections live as long as the server.
        double postgres = ProcessHandle.of(postmasterPid).map(postmaster -> seconds(postmasterPid)
                + postmaster.descendants().mapToDouble(process -> seconds(process.pid())).sum()).orElse(0.0);
        double client = ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() / 1e9 : 0;
        return new Reading(serverPids.stream().mapToDouble(CpuMeter::seconds).sum(), postgres, client);
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name, which is in parentheses and may contain spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
