package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** How long deals stayed in each stage of a pipeline, and which stages hold deals for unusually long now. */
record StageDurationsReport(List<StageDuration> stages) {

    /** The visits of one stage that ended in the range. */
    record StageDuration(
            String id,
            String name,
            int position,
            @Schema(description = "Visits of the stage that ended in [from, to). A visit is a stretch a deal spent"
                    + " open in the stage: from being created, moved or reopened into it to being moved out or closed")
            long samples,
            @Schema(description = "Mean length of those visits in seconds, rounded half up to milliseconds; null"
                    + " without samples", nullable = true)
            BigDecimal avgSeconds,
            @Schema(description = "Median in seconds, rounded half up to milliseconds; null without samples. Estimated"
                    + " from per-day histograms of visit lengths: before rounding it lies within 1/64 (1.5625 %) of"
                    + " the exact percentile_cont(0.5) (linear interpolation between neighbouring samples)",
                    nullable = true)
            BigDecimal medianSeconds,
            @Schema(description = "90th percentile in seconds, rounded half up to milliseconds; null without samples."
                    + " Estimated like medianSeconds: within 1/64 (1.5625 %) of the exact percentile_cont(0.9)",
                    nullable = true)
            BigDecimal p90Seconds,
            @Schema(description = "Open, not deleted deals whose current visit of the stage began more than"
                    + " p90Seconds (as answered) before the time of the query; null without samples", nullable = true)
            Long openOverdue) {
    }
}
