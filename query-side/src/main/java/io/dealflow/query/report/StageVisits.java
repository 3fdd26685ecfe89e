package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the lengths of a pipeline's stage visits that ended in a range, and how many deals have been in a stage for
 * longer than its 90th percentile. The whole UTC months and days inside the range are summed from the histogram rows
 * of {@code report_stage_duration} (a month row less the day rows of its days outside the range where that reads
 * fewer rows), the partial days at its edges from the visits themselves, so the work is bounded by the number of
 * months and edge days, not by the number of visits.
 */
@Repository
class StageVisits {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private final JdbcTemplate jdbc;

    StageVisits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per stage of the pipeline with visits that ended in the range: their count and exact mean, the estimated median
     * and 90th percentile (see {@link DurationHistogram}), all in seconds rounded half up to milliseconds, and the open
     * deals whose current visit of the stage began more than that (rounded) 90th percentile before {@code now}.
     */
    List<Row> durations(String pipelineId, ReportRange range, Instant now) {
        Map<String, StageVisitLengths> stages = new LinkedHashMap<>();
        addWholeDays(pipelineId, range, stages);
        addPartialDays(pipelineId, range, stages);
        List<Row> rows = new ArrayList<>();
        List<String> stageIds = new ArrayList<>();
        List<Instant> thresholds = new ArrayList<>();
        stages.forEach((stageId, lengths) -> {
            if (lengths.visits == 0) {
                return;
            }
            long median = Math.round(lengths.histogram.percentile(0.5));
            long p90 = Math.round(lengths.histogram.percentile(0.9));
            rows.add(new Row(stageId, lengths.visits, BigDecimal.valueOf(lengths.totalMillis)
                    .divide(BigDecimal.valueOf(lengths.visits).multiply(THOUSAND), 3, RoundingMode.HALF_UP),
                    BigDecimal.valueOf(median, 3), BigDecimal.valueOf(p90, 3), 0));
            stageIds.add(stageId);
            thresholds.add(now.minusMillis(p90));
        });
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, Long> overdue = openSince(pipelineId, stageIds, thresholds);
        return rows.stream().map(row -> row.withOpenOverdue(overdue.get(row.stageId()))).toList();
    }

    /**
     * Per stage, the open, not deleted visits that began before its threshold: whole UTC days from
     * {@code report_open_visit_day}, the threshold's own day from the visits (index on open visits).
     */
    private Map<String, Long> openSince(String pipelineId, List<String> stageIds, List<Instant> thresholds) {
        List<String> days = new ArrayList<>();
        List<String> midnights = new ArrayList<>();
        for (Instant threshold : thresholds) {
            LocalDate day = ReportDeltas.day(threshold);
            days.add(day.toString());
            midnights.add(day.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        }
        Map<String, Long> open = new LinkedHashMap<>();
        jdbc.query("""
                SELECT s.stage_id,
                       (SELECT coalesce(sum(d.visits), 0) FROM read_model.report_open_visit_day d
                        WHERE d.pipeline_id = ? AND d.stage_id = s.stage_id AND d.day < s.day)
                       + (SELECT count(*) FROM read_model.report_stage_visit v
                          WHERE v.pipeline_id = ? AND v.stage_id = s.stage_id AND v.left_at IS NULL AND NOT v.deleted
                            AND v.entered_at >= s.midnight AND v.entered_at < s.threshold)
                FROM unnest(?::varchar[], ?::date[], ?::timestamptz[], ?::timestamptz[])
                    AS s (stage_id, day, midnight, threshold)""",
                rs -> {
                    open.put(rs.getString(1), rs.getLong(2));
                }, pipelineId, pipelineId, stageIds.toArray(String[]::new), days.toArray(String[]::new),
                midnights.toArray(String[]::new), thresholds.stream().map(Instant::toString).toArray(String[]::new));
        return open;
    }

    /**
     * Sums the histogram rows of the whole days of the range: month rows, and day rows added or taken away (see
     * {@link ReportRange#periods()}).
     */
    private void addWholeDays(String pipelineId, ReportRange range, Map<String, StageVisitLengths> stages) {
        List<String> selects = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        for (ReportRange.Periods periods : range.periods()) {
            arguments.add(pipelineId);
            arguments.add(periods.grain() == ReportRange.Grain.MONTH ? StageDurationDeltas.MONTH
                    : StageDurationDeltas.DAY);
            selects.add("SELECT stage_id, " + periods.sign() + " AS sign, visits, total_millis, buckets, bucket_visits"
                    + " FROM read_model.report_stage_duration WHERE pipeline_id = ? AND grain = ? AND "
                    + periods.condition("period", arguments));
        }
        if (selects.isEmpty()) {
            return;
        }
        jdbc.query(String.join(" UNION ALL ", selects), rs -> {
            StageVisitLengths lengths = stages.computeIfAbsent(rs.getString(1), id -> new StageVisitLengths());
            int sign = rs.getInt(2);
            lengths.visits += sign * rs.getLong(3);
            lengths.totalMillis += sign * rs.getLong(4);
            Integer[] buckets = integers(rs.getArray(5));
            Integer[] visits = integers(rs.getArray(6));
            for (int i = 0; i < buckets.length; i++) {
                lengths.histogram.add(buckets[i], sign * (long) visits[i]);
            }
        }, arguments.toArray());
    }

    /**
     * Counts the visits that ended on the partial days at the edges of the range, one index range each (a union, not
     * an OR, so each is read from the index alone).
     */
    private void addPartialDays(String pipelineId, ReportRange range, Map<String, StageVisitLengths> stages) {
        List<String> selects = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        for (Instant[] span : range.partialSpans()) {
            // Epoch seconds as float8 are exact to the microsecond here; rounding gives the whole milliseconds.
            selects.add("""
                    SELECT stage_id,
                           round((date_part('epoch', left_at) - date_part('epoch', entered_at)) * 1000)::bigint
                    FROM read_model.report_stage_visit
                    WHERE pipeline_id = ? AND left_at IS NOT NULL AND NOT deleted AND left_at >= ? AND left_at < ?""");
            arguments.add(pipelineId);
            arguments.add(OffsetDateTime.ofInstant(span[0], ZoneOffset.UTC));
            arguments.add(OffsetDateTime.ofInstant(span[1], ZoneOffset.UTC));
        }
        if (selects.isEmpty()) {
            return;
        }
        jdbc.query(String.join(" UNION ALL ", selects), rs -> {
            StageVisitLengths lengths = stages.computeIfAbsent(rs.getString(1), id -> new StageVisitLengths());
            long millis = rs.getLong(2);
            lengths.visits++;
            lengths.totalMillis += millis;
            lengths.histogram.add(DurationHistogram.bucket(millis), 1);
        }, arguments.toArray());
    }

    private static Integer[] integers(Array array) throws SQLException {
        return (Integer[]) array.getArray();
    }

    /** The ended visits of one stage summed so far. */
    private static final class StageVisitLengths {
        private long visits;
        private long totalMillis;
        private final DurationHistogram histogram = new DurationHistogram();
    }

    /** How long the visits of each stage of the pipeline that ended in the range lasted, and the open overdue. */
    StageDurationsReport report(ReportPipelines.Pipeline pipeline, ReportRange range, Instant now) {
        Map<String, StageVisits.Row> byStage = durations(pipeline.id(), range, now).stream()
                .collect(Collectors.toMap(StageVisits.Row::stageId, Function.identity()));
        List<StageDurationsReport.StageDuration> stages = new ArrayList<>();
        for (ReportPipelines.Stage stage : pipeline.stages()) {
            StageVisits.Row row = byStage.get(stage.id());
            stages.add(row == null
                    ? new StageDurationsReport.StageDuration(stage.id(), stage.name(), stage.position(), 0, null, null,
                    null, null)
                    : new StageDurationsReport.StageDuration(stage.id(), stage.name(), stage.position(),
                    row.samples(), row.avgSeconds(), row.medianSeconds(), row.p90Seconds(), row.openOverdue()));
        }
        return new StageDurationsReport(stages);
    }

    /** Durations of the ended visits of one stage. */
    record Row(String stageId, long samples, BigDecimal avgSeconds, BigDecimal medianSeconds, BigDecimal p90Seconds,
               long openOverdue) {

        Row withOpenOverdue(long count) {
            return new Row(stageId, samples, avgSeconds, medianSeconds, p90Seconds, count);
        }
    }
}
