package io.dealflow.bulk.operation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations and their items in PostgreSQL: what the worker works through and what clients read.
 */
@Repository
class BulkOperations {

    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final String VIEW_COLUMNS = "operation_id, action, status, total, succeeded, unchanged, failed,"
            + " created_at, finished_at, undo_of, problem, created_seq";
    private static final RowMapper<BulkOperationView> VIEW = (rs, n) -> new BulkOperationView(
            rs.getString("operation_id"), rs.getString("action"), rs.getString("status"), rs.getInt("total"),
            rs.getInt("succeeded"), rs.getInt("unchanged"), rs.getInt("failed"), instant(rs, "created_at"),
            instant(rs, "finished_at"), rs.getString("undo_of"), rs.getString("problem"), null);

    private final JdbcTemplate jdbc;

    BulkOperations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new running operation over these deals (in this order); call inside a transaction. */
    void insert(String operationId, String locationId, BulkAction action, ObjectNode params, String undoOf,
                Map<String, String> metadata, List<String> opportunityIds, List<Integer> positions) {
        jdbc.update("INSERT INTO bulk.operation (operation_id, location_id, action, params, undo_of, status, total,"
                        + " metadata, created_at) VALUES (?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, now())",
                operationId, locationId, action.wireName(), params.toString(), undoOf, RUNNING, opportunityIds.size(),
                json(metadata));
        List<Object[]> rows = new ArrayList<>(opportunityIds.size());
        for (int i = 0; i < opportunityIds.size(); i++) {
            rows.add(new Object[]{operationId, positions == null ? i : positions.get(i), opportunityIds.get(i)});
        }
        jdbc.batchUpdate("INSERT INTO bulk.operation_item (operation_id, position, opportunity_id) VALUES (?, ?, ?)",
                rows);
        if (opportunityIds.isEmpty()) {
            finish(operationId, COMPLETED);
        }
    }

    Optional<BulkOperationView> find(String locationId, String operationId) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM bulk.operation WHERE operation_id = ? AND location_id = ?",
                VIEW, operationId, locationId).stream().findFirst();
    }

    /** Up to {@code limit} operations of the location, newest first, created before {@code beforeSeq} (null: any). */
    List<Listed> newestFirst(String locationId, Long beforeSeq, int limit) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM bulk.operation WHERE location_id = ?"
                        + " AND created_seq < ? ORDER BY created_seq DESC LIMIT ?",
                (rs, n) -> new Listed(VIEW.mapRow(rs, n), rs.getLong("created_seq")), locationId,
                beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit);
    }

    List<BulkOperationView.Failure> failures(String operationId, int limit) {
        return jdbc.query("SELECT opportunity_id, problem_status, problem_title FROM bulk.operation_item"
                        + " WHERE operation_id = ? AND outcome = 'failed' ORDER BY position LIMIT ?",
                (rs, n) -> new BulkOperationView.Failure(rs.getString(1), rs.getInt(2), rs.getString(3)),
                operationId, limit);
    }

    /** Asks a running operation to stop; false when it is not running any more. */
    boolean requestCancel(String operationId) {
        return jdbc.update("UPDATE bulk.operation SET cancel_requested = TRUE WHERE operation_id = ? AND status = ?",
                operationId, RUNNING) == 1;
    }

    boolean cancelRequested(String operationId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT cancel_requested FROM bulk.operation WHERE operation_id = ?", Boolean.class, operationId));
    }

    /**
     * Takes the oldest running operation that no other instance holds a live lease on (or renews this instance's
     * lease), for {@code lease}; empty when there is none.
     */
    Optional<Running> claim(String nodeId, Duration lease) {
        return jdbc.query("UPDATE bulk.operation SET lease_owner = ?, lease_until = now() + ? * interval '1 millisecond'"
                        + " WHERE operation_id = (SELECT operation_id FROM bulk.operation WHERE status = ?"
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until < now())"
                        + " ORDER BY created_seq LIMIT 1 FOR UPDATE SKIP LOCKED)"
                        + " RETURNING operation_id, location_id, action, params::text, undo_of, metadata::text",
                (rs, n) -> new Running(rs.getString(1), rs.getString(2), BulkAction.stored(rs.getString(3)),
                        objectNode(rs.getString(4)), rs.getString(5), metadata(rs.getString(6))),
                nodeId, lease.toMillis(), RUNNING, nodeId).stream().findFirst();
    }

    /** The next items nobody has done yet, in order. */
    List<Item> pending(String operationId, int limit) {
        return jdbc.query("SELECT i.position, i.opportunity_id, o.version_before, o.version_after"
                        + " FROM bulk.operation_item i"
                        + " LEFT JOIN bulk.operation op ON op.operation_id = i.operation_id"
                        + " LEFT JOIN bulk.operation_item o ON o.operation_id = op.undo_of AND o.position = i.position"
                        + " WHERE i.operation_id = ? AND i.outcome IS NULL ORDER BY i.position LIMIT ?",
                (rs, n) -> new Item(rs.getInt(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4)),
                operationId, limit);
    }

    /**
     * Records an item's outcome and counts it; false when it was recorded already (another worker was first). Runs in
     * the transaction of the item's commands.
     */
    boolean record(String operationId, int position, String outcome, Long before, Long after, Integer status,
                   String title) {
        int updated = jdbc.update("UPDATE bulk.operation_item SET outcome = ?, version_before = ?, version_after = ?,"
                        + " problem_status = ?, problem_title = ? WHERE operation_id = ? AND position = ?"
                        + " AND outcome IS NULL", outcome, before, after, status, title, operationId, position);
        if (updated != 1) {
            return false;
        }
        jdbc.update("UPDATE bulk.operation SET " + outcome + " = " + outcome + " + 1 WHERE operation_id = ?",
                operationId);
        return true;
    }

    /**
     * Counts an unexpected error of the item at {@code position}: one more when the last one was the same item's,
     * else the first. Answers how many in a row that item has met. Runs on its own (the item's transaction is gone).
     */
    int stalled(String operationId, int position) {
        Integer attempts = jdbc.queryForObject("UPDATE bulk.operation SET stalled_attempts = CASE WHEN stalled_at = ?"
                        + " THEN stalled_attempts + 1 ELSE 1 END, stalled_at = ? WHERE operation_id = ?"
                        + " RETURNING stalled_attempts", Integer.class, position, position, operationId);
        return attempts == null ? 0 : attempts;
    }

    /** Ends a running operation that cannot go on, with the reason; the items not done stay without an outcome. */
    void fail(String operationId, String problem) {
        jdbc.update("UPDATE bulk.operation SET status = ?, problem = ?, finished_at = now(), lease_owner = NULL,"
                + " lease_until = NULL WHERE operation_id = ? AND status = ?", FAILED, problem, operationId, RUNNING);
    }

    void finish(String operationId, String status) {
        jdbc.update("UPDATE bulk.operation SET status = ?, finished_at = now(), lease_owner = NULL,"
                + " lease_until = NULL WHERE operation_id = ? AND status = ?", status, operationId, RUNNING);
    }

    /** Deals an operation changed, with their positions, for its undo. */
    List<Changed> changed(String operationId) {
        return jdbc.query("SELECT position, opportunity_id FROM bulk.operation_item WHERE operation_id = ?"
                        + " AND outcome = 'succeeded' ORDER BY position",
                (rs, n) -> new Changed(rs.getInt(1), rs.getString(2)), operationId);
    }

    Optional<String> undoOf(String operationId) {
        return jdbc.queryForList("SELECT operation_id FROM bulk.operation WHERE undo_of = ?", String.class,
                operationId).stream().findFirst();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String json(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> metadata(String json) {
        try {
            return JSON.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not JSON", e);
        }
    }

    private static ObjectNode objectNode(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params are not JSON", e);
        }
    }

    /** A running operation as the worker needs it. */
    record Running(String operationId, String locationId, BulkAction action, ObjectNode params, String undoOf,
                   Map<String, String> metadata) {
    }

    /**
     * An item still to do. For an undo, {@code originalBefore}/{@code originalAfter} are the deal's versions around
     * the item of the undone operation.
     */
    record Item(int position, String opportunityId, Long originalBefore, Long originalAfter) {
    }

    /** An operation listed with its keyset position. */
    record Listed(BulkOperationView view, long seq) {
    }

    /** A deal an operation changed. */
    record Changed(int position, String opportunityId) {
    }
}
