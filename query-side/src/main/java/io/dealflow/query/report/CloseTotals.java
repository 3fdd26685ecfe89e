package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums closed deals by the day of their latest close: the month and day rows that make up the whole days of a range
 * (see {@link ReportRange#periods()}) plus the deal rows of its partial edge days.
 */
@Repository
class CloseTotals {

    private final JdbcTemplate jdbc;

    CloseTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deals closed in the range per group key, status and currency; a null pipeline means every pipeline. */
    List<Row> sum(String locationId, ReportRange range, String pipelineId, GroupBy groupBy) {
        List<Object> arguments = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (ReportRange.Periods periods : range.periods()) {
            boolean months = periods.grain() == ReportRange.Grain.MONTH;
            String column = months ? "month" : "day";
            String sign = periods.sign() < 0 ? "-" : "";
            StringBuilder part = new StringBuilder("SELECT " + groupBy.periodKey(column) + " AS key, status,"
                    + " currency, " + sign + "deals AS deals, " + sign + "total_value AS total_value, " + sign
                    + "cycle_millis AS cycle_millis FROM read_model."
                    + (months ? "report_close_month" : "report_close_day")
                    + " WHERE location_id = ? AND dimension = ?");
            arguments.add(locationId);
            arguments.add(groupBy.dimension);
            if (pipelineId != null) {
                part.append(" AND pipeline_id = ?");
                arguments.add(pipelineId);
            } else {
                // The rows across every pipeline, unless the groups are the pipelines.
                part.append(groupBy == GroupBy.PIPELINE ? " AND pipeline_id <> ?" : " AND pipeline_id = ?");
                arguments.add(ReportDeltas.EVERY_PIPELINE);
            }
            part.append(" AND ").append(periods.condition(column, arguments));
            parts.add(part.toString());
        }
        List<Object> edgeArguments = new ArrayList<>(List.of(locationId));
        String edges = range.partialDays("closed_at", edgeArguments);
        if (edges != null) {
            parts.add("SELECT " + groupBy.dealKey + " AS key, status, currency, 1 AS deals,"
                    + " monetary_value AS total_value, (extract(epoch FROM closed_at) * 1000"
                    + " - extract(epoch FROM created_at) * 1000)::bigint AS cycle_millis"
                    + " FROM read_model.report_deal WHERE location_id = ? AND closed_at IS NOT NULL AND NOT deleted"
                    + " AND " + edges + (pipelineId == null ? "" : " AND pipeline_id = ?"));
            arguments.addAll(edgeArguments);
            if (pipelineId != null) {
                arguments.add(pipelineId);
            }
        }
        return jdbc.query("SELECT key, status, currency, sum(deals), sum(total_value), sum(cycle_millis) FROM ("
                        + String.join(" UNION ALL ", parts) + ") closes GROUP BY key, status, currency"
                        + " HAVING sum(deals) <> 0",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getLong(6)), arguments.toArray());
    }

    /**
     * Closed deals of one group, status and currency.
     *
     * @param key         the group key; empty for "none"
     * @param cycleMillis sum over the deals of latest close minus creation, in milliseconds
     */
    record Row(String key, String status, String currency, long deals, BigDecimal value, long cycleMillis) {
    }
}
