package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums not deleted deals by the day they were created: the month and day rows that make up the whole days of a range
 * (see {@link ReportRange#periods()}) plus the deal rows of its partial edge days.
 */
@Repository
class CreatedTotals {

    private final JdbcTemplate jdbc;

    CreatedTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Deals created in the range per furthest stage and whether won now; a null pipeline means every pipeline (the
     * day and month rows across every pipeline), and then the furthest stage is always ''.
     */
    List<Row> sum(String locationId, ReportRange range, String pipelineId) {
        String pipeline = pipelineId == null ? "" : " AND pipeline_id = ?";
        List<Object> arguments = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (ReportRange.Periods periods : range.periods()) {
            boolean months = periods.grain() == ReportRange.Grain.MONTH;
            String column = months ? "month" : "day";
            arguments.add(locationId);
            arguments.add(pipelineId == null ? ReportDeltas.EVERY_PIPELINE : pipelineId);
            parts.add("SELECT furthest_stage_id, won, " + (periods.sign() < 0 ? "-" : "") + "deals AS deals"
                    + " FROM read_model." + (months ? "report_created_month" : "report_created_day")
                    + " WHERE location_id = ? AND pipeline_id = ? AND " + periods.condition(column, arguments));
        }
        // One part per edge day (not an OR of both), so each reads only the entries of the creation index, which
        // includes the columns read here, instead of combining bitmaps with the pipeline index.
        for (Instant[] edge : range.partialSpans()) {
            parts.add("SELECT " + (pipelineId == null ? "''" : "coalesce(furthest_stage_id, '')")
                    + " AS furthest_stage_id, status = 'won' AS won, 1 AS deals"
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

    /** How many of the deals created in the range were won, and the share. */
    ConversionReport conversion(String location, ReportRange range, ReportPipelines.Pipeline pipeline) {
        long total = 0;
        long won = 0;
        for (CreatedTotals.Row row : sum(location, range, pipeline == null ? null : pipeline.id())) {
            total += row.deals();
            won += row.won() ? row.deals() : 0;
        }
        return new ConversionReport(total, won, Ratios.of(won, total));
    }

    /** How many of the deals created in the range reached each stage of the pipeline, and the step ratios. */
    FunnelReport funnel(String location, ReportRange range, ReportPipelines.Pipeline pipeline) {
        Map<String, Long> byFurthest = new HashMap<>();
        long won = 0;
        for (CreatedTotals.Row row : sum(location, range, pipeline.id())) {
            byFurthest.merge(row.furthestStageId(), row.deals(), Long::sum);
            won += row.won() ? row.deals() : 0;
        }
        List<ReportPipelines.Stage> stages = pipeline.stages();
        long[] reached = new long[stages.size()];
        long laterOnes = 0;
        for (int i = stages.size() - 1; i >= 0; i--) {
            laterOnes += byFurthest.getOrDefault(stages.get(i).id(), 0L);
            reached[i] = laterOnes;
        }
        List<FunnelReport.Step> steps = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            ReportPipelines.Stage stage = stages.get(i);
            steps.add(new FunnelReport.Step(stage.id(), stage.name(), stage.position(), reached[i],
                    i + 1 < stages.size() ? Ratios.of(reached[i + 1], reached[i]) : null));
        }
        return new FunnelReport(steps, won);
    }

    /**
     * Deals of one furthest stage ('' for none) that are won now or not.
     */
    record Row(String furthestStageId, boolean won, long deals) {
    }
}
