package io.dealflow.query.workspace;

import io.dealflow.query.http.Cursor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the workspace tables: a deal's notes and tasks, and a location's tasks in keyset pages.
 */
@Component
class WorkspaceRepository {

    private static final RowMapper<NoteView> NOTE = (rs, n) -> new NoteView(rs.getString("note_id"),
            rs.getString("body"), instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"));

    private final JdbcTemplate jdbc;

    WorkspaceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the location has this deal and it is not deleted. */
    boolean dealExists(String locationId, String opportunityId) {
        return !jdbc.queryForList("""
                SELECT 1 FROM read_model.workspace_deal WHERE opportunity_id = ? AND location_id = ? AND NOT deleted""",
                Integer.class, opportunityId, locationId).isEmpty();
    }

    /** Up to {@code limit} notes of a deal, newest first, after the note a cursor names (or from the newest). */
    List<NoteView> notes(String opportunityId, Cursor.Keys after, int limit) {
        if (after == null) {
            return jdbc.query("""
                    SELECT * FROM read_model.opportunity_note WHERE opportunity_id = ?
                    ORDER BY created_at DESC, note_id DESC LIMIT ?""", NOTE, opportunityId, limit);
        }
        return jdbc.query("""
                SELECT * FROM read_model.opportunity_note WHERE opportunity_id = ? AND (created_at, note_id) < (?, ?)
                ORDER BY created_at DESC, note_id DESC LIMIT ?""",
                NOTE, opportunityId, after.timestamp(0), after.text(1), limit);
    }

    /** The tasks of a deal in a status ({@code null}: any), soonest due first (no due date last). */
    List<TaskView> tasksOf(String opportunityId, String status) {
        return jdbc.query("""
                SELECT * FROM read_model.opportunity_task WHERE opportunity_id = ? AND (?::text IS NULL OR status = ?)
                ORDER BY due_key, created_at, task_id""",
                (rs, n) -> task(rs), opportunityId, status, status);
    }

    /**
     * Up to {@code limit} tasks of the location's live deals, soonest due first (no due date last), after the task a
     * cursor names. Each filter may be null (not filtered).
     */
    List<LocationTaskView> tasksOfLocation(String locationId, TaskFilter filter, Cursor.Keys after, int limit) {
        Statement statement = locationTasks(locationId, filter, after, limit);
        return jdbc.query(statement.sql(), (rs, n) -> new LocationTaskView(task(rs), rs.getString("opportunity_id"),
                rs.getString("opportunity_name")), statement.arguments());
    }

    /** The statement of {@link #tasksOfLocation}: keyset order (due_key, opportunity_id, task_id), as its indexes. */
    static Statement locationTasks(String locationId, TaskFilter filter, Cursor.Keys after, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT * FROM read_model.opportunity_task WHERE location_id = ? AND NOT opportunity_deleted""");
        List<Object> args = new ArrayList<>(List.of(locationId));
        if (filter.assignedTo() != null) {
            sql.append(" AND assigned_to = ?");
            args.add(filter.assignedTo());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status());
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND due_key < ?");
            args.add(OffsetDateTime.ofInstant(filter.dueBefore(), ZoneOffset.UTC));
        }
        if (after != null) {
            // No due date sorts as 'infinity', which the cursor carries as an empty key.
            sql.append(" AND (due_key, opportunity_id, task_id) > (coalesce(?::timestamptz, 'infinity'), ?, ?)");
            args.add(after.text(0).isEmpty() ? null : after.timestamp(0));
            args.add(after.text(1));
            args.add(after.text(2));
        }
        sql.append(" ORDER BY due_key, opportunity_id, task_id LIMIT ?");
        args.add(limit);
        return new Statement(sql.toString(), args.toArray());
    }

    /** An SQL statement and its arguments. */
    record Statement(String sql, Object[] arguments) {
    }

    private static TaskView task(ResultSet rs) throws SQLException {
        return new TaskView(rs.getString("task_id"), rs.getString("title"), instant(rs, "due_at"),
                rs.getString("assigned_to"), rs.getString("status"), instant(rs, "created_at"),
                instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
