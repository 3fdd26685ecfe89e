package io.dealflow.query.asof;

import io.dealflow.query.UnnestColumns;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The task versions of one batch of events, worked out in memory and written when the batch commits, as
 * {@link CardBatch} does for cards: one query loads the latest version of every task the batch touches, the events
 * close and open versions in order exactly as one event at a time would, and the stored versions they close and the
 * versions they open go out in one statement each.
 *
 * <p>A deleted task's latest version is closed and has no successor. So a change applies only to a current version
 * it follows, and an added task opens a version only when the task has none, or its last one ended (deleted) before
 * the event: a redelivered batch changes nothing, even one that adds a task deleted since.
 */
class TaskBatch {

    private static final Comparator<TaskKey> ORDER = Comparator.comparing(TaskKey::opportunityId)
            .thenComparing(TaskKey::taskId);
    private static final String LATEST = """
            SELECT DISTINCT ON (t.opportunity_id, t.task_id) t.opportunity_id, t.task_id, t.status, t.due_at,
                   t.from_index, t.to_index, lower(t.valid) AS since, upper(t.valid) AS until
            FROM read_model.task_version t
            JOIN unnest(?::text[], ?::text[]) AS k (opportunity_id, task_id)
                ON t.opportunity_id = k.opportunity_id COLLATE "C" AND t.task_id = k.task_id COLLATE "C"
            ORDER BY t.opportunity_id, t.task_id, t.from_index DESC""";
    private static final String INSERT = """
            INSERT INTO read_model.task_version (opportunity_id, task_id, status, due_at, from_index, to_index, valid)
            SELECT opportunity_id, task_id, status, due_at, from_index, to_index, tstzrange(since, until, '[)')
            FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::bigint[], ?::bigint[],
                        ?::timestamptz[], ?::timestamptz[])
                AS v (opportunity_id, task_id, status, due_at, from_index, to_index, since, until)""";
    private static final String CLOSE = """
            UPDATE read_model.task_version t
            SET to_index = v.to_index, valid = tstzrange(lower(t.valid), v.until, '[)')
            FROM unnest(?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[])
                AS v (opportunity_id, task_id, from_index, to_index, until)
            WHERE t.opportunity_id = v.opportunity_id COLLATE "C" AND t.task_id = v.task_id COLLATE "C"
              AND t.from_index = v.from_index""";

    /** Each touched task's events in arrival order. */
    private final Map<TaskKey, List<Change>> changes = new TreeMap<>(ORDER);

    /** Records a task added, open and due at {@code dueAt} (may be null), by the event at {@code index}. */
    void add(String opportunityId, String taskId, Instant dueAt, long index, OffsetDateTime at) {
        changes.computeIfAbsent(new TaskKey(opportunityId, taskId), key -> new ArrayList<>())
                .add(new Change(index, at, new Task("open", dueAt), null));
    }

    /**
     * Records a change to a task by the event at {@code index}, which happened at {@code at}; a change that answers
     * null deletes the task.
     */
    void change(String opportunityId, String taskId, long index, OffsetDateTime at, UnaryOperator<Task> change) {
        changes.computeIfAbsent(new TaskKey(opportunityId, taskId), key -> new ArrayList<>())
                .add(new Change(index, at, null, change));
    }

    /** Applies the recorded events to the latest versions and writes the versions they close and open. */
    void flush(JdbcTemplate jdbc) {
        if (changes.isEmpty()) {
            return;
        }
        Map<TaskKey, Version> latest = new TreeMap<>(ORDER);
        List<String[]> keys = changes.keySet().stream()
                .map(key -> new String[]{key.opportunityId(), key.taskId()}).toList();
        jdbc.query(LATEST, (ResultSet rs) -> {
            OffsetDateTime due = rs.getObject("due_at", OffsetDateTime.class);
            Version stored = new Version(new TaskKey(rs.getString("opportunity_id"), rs.getString("task_id")),
                    new Task(rs.getString("status"), due == null ? null : due.toInstant()),
                    rs.getLong("from_index"), rs.getObject("since", OffsetDateTime.class), true);
            long toIndex = rs.getLong("to_index");
            if (!rs.wasNull()) {
                stored.toIndex = toIndex;
                stored.until = rs.getObject("until", OffsetDateTime.class);
            }
            latest.put(stored.key, stored);
        }, UnnestColumns.of(keys, 2));
        List<Version> closed = new ArrayList<>();
        List<Version> opened = new ArrayList<>();
        changes.forEach((key, events) -> {
            Version version = latest.get(key);
            for (Change event : events) {
                if (event.added() != null) {
                    if (version == null || version.toIndex != null && version.toIndex < event.index()) {
                        OffsetDateTime since = version != null && version.until.isAfter(event.at()) ? version.until
                                : event.at();
                        version = new Version(key, event.added(), event.index(), since, false);
                        opened.add(version);
                    }
                    continue;
                }
                if (version == null || version.toIndex != null || version.fromIndex >= event.index()) {
                    continue;
                }
                Task after = event.change().apply(version.task);
                if (version.task.equals(after)) {
                    continue;
                }
                OffsetDateTime since = version.since.isAfter(event.at()) ? version.since : event.at();
                version.toIndex = event.index();
                version.until = since;
                if (version.stored) {
                    closed.add(version);
                }
                if (after != null) {
                    version = new Version(key, after, event.index(), since, false);
                    opened.add(version);
                }
            }
        });
        changes.clear();
        if (!closed.isEmpty()) {
            jdbc.update(CLOSE, UnnestColumns.of(closed.stream().map(Version::closing).toList(), 5));
        }
        if (!opened.isEmpty()) {
            jdbc.update(INSERT, UnnestColumns.of(opened.stream().map(Version::texts).toList(), 8));
        }
    }

    /** A task of a deal. */
    private record TaskKey(String opportunityId, String taskId) {
    }

    private record Change(long index, OffsetDateTime at, Task added, UnaryOperator<Task> change) {
    }

    /** What a task version holds: whether the task is open or completed, and when it is due (null: no date). */
    record Task(String status, Instant dueAt) {

        Task withStatus(String newStatus) {
            return new Task(newStatus, dueAt);
        }

        Task due(Instant newDueAt) {
            return new Task(status, newDueAt);
        }
    }

    /** A task version: its content, from which event and time on, and up to which when closed. */
    private static final class Version {
        final TaskKey key;
        final Task task;
        final long fromIndex;
        final OffsetDateTime since;
        final boolean stored;
        Long toIndex;
        OffsetDateTime until;

        Version(TaskKey key, Task task, long fromIndex, OffsetDateTime since, boolean stored) {
            this.key = key;
            this.task = task;
            this.fromIndex = fromIndex;
            this.since = since;
            this.stored = stored;
        }

        /** The columns of {@link #CLOSE}'s rows as text. */
        String[] closing() {
            return new String[]{key.opportunityId(), key.taskId(), Long.toString(fromIndex), Long.toString(toIndex),
                    until.toString()};
        }

        /** The columns of {@link #INSERT}'s rows as text. */
        String[] texts() {
            return new String[]{key.opportunityId(), key.taskId(), task.status(),
                    task.dueAt() == null ? null : task.dueAt().toString(), Long.toString(fromIndex),
                    toIndex == null ? null : toIndex.toString(), since.toString(),
                    until == null ? null : until.toString()};
        }
    }
}
