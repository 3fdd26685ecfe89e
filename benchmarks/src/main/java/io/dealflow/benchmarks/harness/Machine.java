package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Facts about the machine a run measured on, so figures are read beside what produced them. */
final class Machine {

    private Machine() {
    }

    static ObjectNode facts() {
        ObjectNode facts = Api.JSON.createObjectNode();
        facts.put("cores", Runtime.getRuntime().availableProcessors());
        facts.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (memory != null) {
            facts.put("memory_gib", Figures.round(Long.parseLong(memory.replaceAll("[^0-9]", "")) / 1048576.0, 1));
        }
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        facts.put("load_average_at_start", loadAverage());
        return facts;
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them; "unknown" off Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", List.of(fields).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Version and durability settings of the server's PostgreSQL. */
    static String postgres(ServerDatabase database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            return show(statement, "server_version") + " (embedded; fsync=" + show(statement, "fsync")
                    + ", synchronous_commit=" + show(statement, "synchronous_commit") + ")";
        }
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
            result.next();
            return result.getString(1);
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: the fact stays unknown
        }
        return null;
    }
}
