package io.dealflow.benchmarks.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The server's embedded PostgreSQL, as the harness reaches it directly: to read facts and counts, settle it after a
 * bulk load, and append events behind the server's back ({@link EventAppender}).
 *
 * @param port the port the server logged its PostgreSQL up on
 */
record ServerDatabase(int port) {

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
    }

    /** A connection whose batches of inserts the driver sends as multi-row statements. */
    Connection connectForBatches() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                + "/postgres?reWriteBatchedInserts=true", "postgres", "");
    }

    /** The first column of the first row of {@code sql}, as a number. */
    long scalar(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
