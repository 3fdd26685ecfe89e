package io.dealflow.query.report;

import io.dealflow.query.http.BadParameter;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the win-rate report groups closed deals: not at all, by current owner, pipeline or source, or by the UTC month
 * of the latest close. Each reads one dimension of {@code report_close_day} and {@code report_close_month} and the
 * matching columns of a deal row.
 */
enum GroupBy {

    NONE(ReportDeltas.BY_PIPELINE, "''", "''"),
    OWNER(ReportDeltas.BY_OWNER, "dim_key", "coalesce(assigned_to, '')"),
    PIPELINE(ReportDeltas.BY_PIPELINE, "pipeline_id", "pipeline_id"),
    SOURCE(ReportDeltas.BY_SOURCE, "dim_key", "coalesce(source, '')"),
    MONTH(ReportDeltas.BY_PIPELINE, "to_char({period}, 'YYYY-MM')",
            "to_char(closed_at AT TIME ZONE 'UTC', 'YYYY-MM')");

    private static final String PERIOD = "{period}";

    /** The {@code dimension} of the day and month rows to sum. */
    final String dimension;
    /** The group key as an expression over a day or month row, {@value #PERIOD} standing for its period column. */
    private final String periodKey;
    /** The group key as an expression over {@code report_deal}. */
    final String dealKey;

    GroupBy(String dimension, String periodKey, String dealKey) {
        this.dimension = dimension;
        this.periodKey = periodKey;
        this.dealKey = dealKey;
    }

    /** The group key as an expression over a row of day or month aggregates whose period column is that one. */
    String periodKey(String periodColumn) {
        return periodKey.replace(PERIOD, periodColumn);
    }

    static GroupBy parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        return Arrays.stream(values()).filter(groupBy -> groupBy.name().equalsIgnoreCase(value.strip()))
                .findFirst()
                .orElseThrow(() -> new BadParameter("groupBy", "must be one of " + Arrays.stream(values())
                        .map(groupBy -> groupBy.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))));
    }
}
