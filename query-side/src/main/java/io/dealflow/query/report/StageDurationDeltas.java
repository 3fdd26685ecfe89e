package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes to the visit-length histograms ({@code report_stage_duration}) collected over one batch of events: a visit
 * that ends is added to the day and the month it ended in, a visit of a deal that is deleted or restored is taken
 * away or added again. Written once before the batch commits by reading the touched rows, merging and writing them
 * back (the processor has one segment, so nothing else writes them meanwhile).
 */
class StageDurationDeltas {

    static final String DAY = "day";
    static final String MONTH = "month";

    private final Map<Key, Change> changes = new HashMap<>();

    /** Adds (sign 1) or takes away (sign -1) a visit of the stage that lasted {@code millis} and ended then. */
    void add(String pipelineId, String stageId, Instant endedAt, long millis, int sign) {
        LocalDate day = ReportDeltas.day(endedAt);
        changes.computeIfAbsent(new Key(pipelineId, DAY, day, stageId), key -> new Change()).add(sign, millis);
        changes.computeIfAbsent(new Key(pipelineId, MONTH, day.withDayOfMonth(1), stageId), key -> new Change())
                .add(sign, millis);
    }

    void flush(JdbcTemplate jdbc) {
        changes.values().removeIf(Change::isZero);
        if (changes.isEmpty()) {
            return;
        }
        List<Key> keys = new ArrayList<>(changes.keySet());
        Map<Key, Row> rows = new HashMap<>();
        jdbc.query("""
                SELECT pipeline_id, grain, period, stage_id, visits, total_millis, buckets, bucket_visits
                FROM read_model.report_stage_duration
                WHERE (pipeline_id, grain, period, stage_id) IN (
                    SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::date[], ?::varchar[]))
                FOR UPDATE""", (ResultSet rs) -> {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                            rs.getString(4));
                    rows.put(key, new Row(rs.getLong(5), rs.getLong(6), ints(rs.getArray(7)), ints(rs.getArray(8))));
                },
                keys.stream().map(Key::pipelineId).toArray(String[]::new),
                keys.stream().map(Key::grain).toArray(String[]::new),
                keys.stream().map(key -> key.period().toString()).toArray(String[]::new),
                keys.stream().map(Key::stageId).toArray(String[]::new));
        List<Object[]> upserts = new ArrayList<>();
        List<Object[]> deletes = new ArrayList<>();
        for (Key key : keys) {
            Row merged = changes.get(key).applyTo(rows.getOrDefault(key, Row.EMPTY));
            if (merged.visits() == 0 && merged.buckets().length == 0) {
                deletes.add(new Object[]{key.pipelineId(), key.grain(), key.period(), key.stageId()});
            } else {
                upserts.add(new Object[]{key.pipelineId(), key.grain(), key.period(), key.stageId(), merged.visits(),
                        merged.totalMillis(), merged.buckets(), merged.bucketVisits()});
            }
        }
        changes.clear();
        if (!upserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO read_model.report_stage_duration (pipeline_id, grain, period, stage_id, visits,
                        total_millis, buckets, bucket_visits)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pipeline_id, grain, period, stage_id) DO UPDATE
                    SET visits = EXCLUDED.visits, total_millis = EXCLUDED.total_millis, buckets = EXCLUDED.buckets,
                        bucket_visits = EXCLUDED.bucket_visits""", upserts);
        }
        if (!deletes.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM read_model.report_stage_duration"
                    + " WHERE pipeline_id = ? AND grain = ? AND period = ? AND stage_id = ?", deletes);
        }
    }

    private static int[] ints(Array array) throws SQLException {
        Object values = array.getArray();
        if (values instanceof int[] primitive) {
            return primitive;
        }
        Integer[] boxed = (Integer[]) values;
        int[] result = new int[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            result[i] = boxed[i];
        }
        return result;
    }

    private record Key(String pipelineId, String grain, LocalDate period, String stageId) {
    }

    /** A histogram row: exact count and sum, and the visits per bucket (ascending bucket numbers). */
    private record Row(long visits, long totalMillis, int[] buckets, int[] bucketVisits) {
        static final Row EMPTY = new Row(0, 0, new int[0], new int[0]);
    }

    /** What a batch adds to one histogram row; buckets whose change sums to zero are left out. */
    private static final class Change {
        private long visits;
        private long totalMillis;
        private final TreeMap<Integer, Integer> buckets = new TreeMap<>();

        void add(int sign, long millis) {
            visits += sign;
            totalMillis += sign * millis;
            buckets.merge(DurationHistogram.bucket(millis), sign, (a, b) -> a + b == 0 ? null : a + b);
        }

        boolean isZero() {
            return visits == 0 && totalMillis == 0 && buckets.isEmpty();
        }

        Row applyTo(Row row) {
            TreeMap<Integer, Integer> merged = new TreeMap<>(buckets);
            for (int i = 0; i < row.buckets().length; i++) {
                merged.merge(row.buckets()[i], row.bucketVisits()[i], (a, b) -> a + b == 0 ? null : a + b);
            }
            return new Row(row.visits() + visits, row.totalMillis() + totalMillis,
                    merged.keySet().stream().mapToInt(Integer::intValue).toArray(),
                    merged.values().stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
