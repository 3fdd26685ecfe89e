package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stage visits of a pipeline: durations of the visits that ended in a range, and how many deals have been
 * in a stage for longer than its 90th percentile.
 */
@Repository
class StageVisits {

    private final JdbcTemplate jdbc;

    StageVisits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per stage of the pipeline with visits that ended in the range: their count, mean, median and 90th percentile in
     * seconds (exact to the microsecond, then rounded half up to milliseconds), and the open deals whose current visit
     * of the stage began more than that 90th percentile before {@code now}.
     */
    List<Row> durations(String pipelineId, ReportRange range, Instant now) {
        List<Object> arguments = new ArrayList<>(List.of(pipelineId));
        String ended = range.instants("left_at", arguments);
        arguments.add(pipelineId);
        arguments.add(OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        // percentile_cont over intervals interpolates exactly (to the microsecond), unlike over float seconds.
        return jdbc.query("""
                WITH ended AS (
                    SELECT stage_id, count(*) AS samples,
                           avg(extract(epoch FROM left_at) - extract(epoch FROM entered_at)) AS mean,
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY left_at - entered_at) AS median,
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY left_at - entered_at) AS p90
                    FROM read_model.report_stage_visit
                    WHERE pipeline_id = ? AND left_at IS NOT NULL AND NOT deleted AND %s
                    GROUP BY stage_id)
                SELECT e.stage_id, e.samples, round(e.mean, 3), round(extract(epoch FROM e.median), 3),
                       round(extract(epoch FROM e.p90), 3),
                       (SELECT count(*) FROM read_model.report_stage_visit v
                        WHERE v.pipeline_id = ? AND v.stage_id = e.stage_id AND v.left_at IS NULL AND NOT v.deleted
                          AND v.entered_at < ?::timestamptz - e.p90)
                FROM ended e""".formatted(ended),
                (rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getLong(6)),
                arguments.toArray());
    }

    /** Durations of the ended visits of one stage, in seconds. */
    record Row(String stageId, long samples, BigDecimal avgSeconds, BigDecimal medianSeconds, BigDecimal p90Seconds,
               long openOverdue) {
    }
}
