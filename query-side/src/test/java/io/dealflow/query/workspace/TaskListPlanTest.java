package io.dealflow.query.workspace;

import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GET /tasks reads its index in order: on a location with 30,000 tasks (rows written straight into the read model,
 * then analysed), the plans of "open tasks", "open tasks of one assignee due before" and a cursor page are index
 * scans that need no sort.
 */
class TaskListPlanTest extends QueryApiTest {

    @AfterEach
    void removeTheRows() {
        jdbc.update("DELETE FROM read_model.opportunity_task WHERE location_id = ?", location);
    }

    private String plan(TaskFilter filter, boolean withCursor) {
        var after = withCursor ? new io.dealflow.query.http.Cursor.Keys(java.util.List.of(
                "2026-06-01T00:00:00Z", "deal-1", "t")) : null;
        WorkspaceRepository.Statement statement = WorkspaceRepository.locationTasks(location, filter, after, 21);
        return String.join("\n", jdbc.queryForList("EXPLAIN " + statement.sql(), String.class,
                statement.arguments()));
    }

    @Test
    void pagesThroughTheTaskIndexesWithoutSorting() {
        jdbc.update("""
                INSERT INTO read_model.opportunity_task (opportunity_id, task_id, location_id, opportunity_name,
                    title, due_at, assigned_to, status, created_at)
                SELECT 'deal-' || (i / 3), 't' || i, ?, 'Deal', 'Call', timestamptz '2026-01-01' + i * interval '1 hour',
                       'user-' || (i % 50), CASE WHEN i % 4 = 0 THEN 'completed' ELSE 'open' END, now()
                FROM generate_series(1, 30000) i""", location);
        jdbc.execute("ANALYZE read_model.opportunity_task");

        String open = plan(new TaskFilter(null, "open", null), false);
        assertThat(open).as(open).contains("opportunity_task_due").doesNotContain("Seq Scan").doesNotContain("Sort");
        String mine = plan(new TaskFilter("user-7", "open", Instant.parse("2026-09-01T00:00:00Z")), false);
        assertThat(mine).as(mine).contains("opportunity_task_assignee_due").doesNotContain("Seq Scan")
                .doesNotContain("Sort");
        String page = plan(new TaskFilter(null, "open", null), true);
        assertThat(page).as(page).contains("opportunity_task_due").doesNotContain("Seq Scan").doesNotContain("Sort");
    }
}
