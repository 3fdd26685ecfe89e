package io.dealflow.bulk.csv;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports, their rows and errors, and the location's externalId keys, in PostgreSQL.
 */
@Repository
class Imports {

    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> COLUMNS = new TypeReference<>() {
    };
    private static final RowMapper<ImportView> VIEW = (rs, n) -> new ImportView(rs.getString("import_id"),
            rs.getString("status"), rs.getBoolean("dry_run"), rs.getInt("rows"), rs.getInt("created"),
            rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("failed"), instant(rs, "created_at"),
            instant(rs, "finished_at"), rs.getString("problem"), null);

    private final JdbcTemplate jdbc;

    Imports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String importId, String locationId, String pipelineId, boolean dryRun, List<String> columns,
                Map<String, String> metadata) {
        jdbc.update("INSERT INTO bulk.import (import_id, location_id, pipeline_id, dry_run, status, columns, rows,"
                        + " metadata, created_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, 0, ?::jsonb, now())", importId,
                locationId, pipelineId, dryRun, RUNNING, json(columns), json(metadata));
    }

    /** Stores rows as read, in one statement: their row numbers and cells. */
    void insertRows(String importId, List<Integer> numbers, List<String[]> cells) {
        String[] json = cells.stream().map(Imports::json).toArray(String[]::new);
        jdbc.update("INSERT INTO bulk.import_row (import_id, row_number, cells)"
                + " SELECT ?, n, c FROM unnest(?::int[], ?::text[]) AS r(n, c)", importId,
                numbers.toArray(Integer[]::new), json);
    }

    void counted(String importId, int rows) {
        jdbc.update("UPDATE bulk.import SET rows = ? WHERE import_id = ?", rows, importId);
        if (rows == 0) {
            finish(importId);
        }
    }

    Optional<ImportView> find(String locationId, String importId) {
        return jdbc.query("SELECT * FROM bulk.import WHERE import_id = ? AND location_id = ?", VIEW, importId,
                locationId).stream().findFirst();
    }

    List<ImportView.RowError> errors(String importId, int limit) {
        return jdbc.query("SELECT row_number, column_name, message FROM bulk.import_error WHERE import_id = ?"
                        + " ORDER BY row_number, seq LIMIT ?",
                (rs, n) -> new ImportView.RowError(rs.getInt(1), rs.getString(2), rs.getString(3)), importId, limit);
    }

    Optional<Running> claim(String nodeId, Duration lease) {
        return jdbc.query("UPDATE bulk.import SET lease_owner = ?, lease_until = now() + ? * interval '1 millisecond'"
                        + " WHERE import_id = (SELECT import_id FROM bulk.import WHERE status = ?"
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < now())"
                        + " ORDER BY created_seq LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING import_id, location_id, pipeline_id, dry_run, columns::text, metadata::text",
                (rs, n) -> new Running(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        read(rs.getString(5), COLUMNS), read(rs.getString(6), METADATA)),
                nodeId, lease.toMillis(), RUNNING, nodeId).stream().findFirst();
    }

    List<Row> pending(String importId, int limit) {
        return jdbc.query("SELECT row_number, cells FROM bulk.import_row WHERE import_id = ? AND outcome IS NULL"
                        + " ORDER BY row_number LIMIT ?",
                (rs, n) -> new Row(rs.getInt(1), read(rs.getString(2), COLUMNS)), importId, limit);
    }

    /** Records a row's outcome and counts it; false when it was recorded already. */
    boolean record(String importId, int row, String outcome) {
        int updated = jdbc.update("UPDATE bulk.import_row SET outcome = ? WHERE import_id = ? AND row_number = ?"
                + " AND outcome IS NULL", outcome, importId, row);
        if (updated != 1) {
            return false;
        }
        jdbc.update("UPDATE bulk.import SET " + outcome + " = " + outcome + " + 1 WHERE import_id = ?", importId);
        return true;
    }

    /** Records a refused row with its reasons. */
    void fail(String importId, int row, List<ImportView.RowError> reasons) {
        if (!record(importId, row, "failed")) {
            return;
        }
        for (int i = 0; i < reasons.size(); i++) {
            jdbc.update("INSERT INTO bulk.import_error (import_id, row_number, seq, column_name, message)"
                    + " VALUES (?, ?, ?, ?, ?)", importId, row, i, reasons.get(i).column(), reasons.get(i).message());
        }
    }

    /**
     * Counts an unexpected error of the row {@code row}: one more when the last one was the same row's, else the
     * first. Answers how many in a row that row has met.
     */
    int stalled(String importId, int row) {
        Integer attempts = jdbc.queryForObject("UPDATE bulk.import SET stalled_attempts = CASE WHEN stalled_at = ?"
                        + " THEN stalled_attempts + 1 ELSE 1 END, stalled_at = ? WHERE import_id = ?"
                        + " RETURNING stalled_attempts", Integer.class, row, row, importId);
        return attempts == null ? 0 : attempts;
    }

    /** Ends a running import that cannot go on, with the reason; the rows not applied stay without an outcome. */
    void fail(String importId, String problem) {
        jdbc.update("UPDATE bulk.import SET status = ?, problem = ?, finished_at = now(), lease_owner = NULL,"
                + " lease_until = NULL WHERE import_id = ? AND status = ?", FAILED, problem, importId, RUNNING);
    }

    void finish(String importId) {
        jdbc.update("UPDATE bulk.import SET status = ?, finished_at = now(), lease_owner = NULL, lease_until = NULL"
                + " WHERE import_id = ? AND status = ?", COMPLETED, importId, RUNNING);
    }

    /** The deal a key of the location names, if an import created one under it. */
    Optional<String> dealOf(String locationId, String key) {
        return jdbc.queryForList("SELECT opportunity_id FROM bulk.external_id WHERE location_id = ? AND external_id = ?",
                String.class, locationId, key).stream().findFirst();
    }

    void remember(String locationId, String key, String opportunityId) {
        jdbc.update("INSERT INTO bulk.external_id (location_id, external_id, opportunity_id) VALUES (?, ?, ?)",
                locationId, key, opportunityId);
    }

    /** The externalIds (not the keys made of exported ids) of these deals. */
    Map<String, String> externalIds(String locationId, List<String> opportunityIds) {
        Map<String, String> found = new HashMap<>();
        jdbc.query("SELECT opportunity_id, external_id FROM bulk.external_id WHERE location_id = ?"
                        + " AND opportunity_id = ANY (?) AND external_id NOT LIKE 'id:%'",
                rs -> {
                    found.put(rs.getString(1), rs.getString(2));
                }, locationId, opportunityIds.toArray(String[]::new));
        return found;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON unreadable", e);
        }
    }

    /** A running import as the worker needs it: the file's columns, in order. */
    record Running(String importId, String locationId, String pipelineId, boolean dryRun, List<String> columns,
                   Map<String, String> metadata) {
    }

    /** A row still to apply: its spreadsheet row number and its cells. */
    record Row(int number, List<String> cells) {
    }
}
