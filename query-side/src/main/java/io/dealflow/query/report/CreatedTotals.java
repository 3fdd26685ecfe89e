package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums not deleted deals by the day they were created: the day rows of the whole days in a range plus the deal rows
 * of its partial edge days.
 */
@Repository
class CreatedTotals {

    private final JdbcTemplate jdbc;

    CreatedTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deals created in the range per furthest stage and whether won now; a null pipeline means every pipeline. */
    List<Row> sum(String locationId, ReportRange range, String pipelineId) {
        String pipeline = pipelineId == null ? "" : " AND pipeline_id = ?";
        List<Object> arguments = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        List<Object> dayArguments = new ArrayList<>(List.of(locationId));
        String days = range.wholeDays("day", dayArguments);
        if (days != null) {
            parts.add("SELECT furthest_stage_id, won, deals FROM read_model.report_created_day"
                    + " WHERE location_id = ? AND " + days + pipeline);
            arguments.addAll(dayArguments);
            if (pipelineId != null) {
                arguments.add(pipelineId);
            }
        }
        // One part per edge day (not an OR of both), so each reads only the entries of the creation index, which
        // includes the columns read here, instead of combining bitmaps with the pipeline index.
        for (Instant[] edge : range.partialSpans()) {
            parts.add("SELECT coalesce(furthest_stage_id, '') AS furthest_stage_id, status = 'won' AS won, 1 AS deals"
                    + " FROM read_model.report_deal"
                    + " WHERE location_id = ? AND NOT deleted AND created_at >= ? AND created_at < ?" + pipeline);
            arguments.add(locationId);
            arguments.add(OffsetDateTime.ofInstant(edge[0], ZoneOffset.UTC));
            arguments.add(OffsetDateTime.ofInstant(edge[1], ZoneOffset.UTC));
            if (pipelineId != null) {
                arguments.add(pipelineId);
            }
        }
        return jdbc.query("SELECT furthest_stage_id, won, sum(deals) FROM (" + String.join(" UNION ALL ", parts)
                        + ") created GROUP BY furthest_stage_id, won HAVING sum(deals) <> 0",
                (rs, n) -> new Row(rs.getString(1), rs.getBoolean(2), rs.getLong(3)), arguments.toArray());
    }

    /**
     * Deals of one furthest stage ('' for none) that are won now or not.
     */
    record Row(String furthestStageId, boolean won, long deals) {
    }
}
