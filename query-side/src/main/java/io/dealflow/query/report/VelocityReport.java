package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** Sales velocity: how much value the open pipeline turns into won deals per day, at the recent pace. */
record VelocityReport(
        @Schema(description = "Open, not deleted deals now (in the pipeline, or in the whole location)")
        long openCount,
        @Schema(description = "Deals whose latest close in [from, to) was a win")
        long won,
        @Schema(description = "Deals whose latest close in [from, to) was a loss")
        long lost,
        @Schema(description = "Mean current value of the won deals, rounded half up to cents; null without won deals"
                + " or when they are in several currencies", nullable = true)
        BigDecimal avgWonValue,
        @Schema(description = "won / (won + lost), rounded half up to 4 places; null when both are 0", nullable = true)
        BigDecimal winRate,
        @Schema(description = "Mean days from creation to the latest close of the won deals, rounded half up to 4"
                + " places; null without won deals", nullable = true)
        BigDecimal avgCycleDays,
        @Schema(description = "openCount × avgWonValue × winRate ÷ avgCycleDays, from the unrounded figures, rounded"
                + " half up to cents; null when avgWonValue is null or avgCycleDays is 0", nullable = true)
        BigDecimal velocityPerDay,
        @Schema(description = "The one currency of the won deals; null when none or several", nullable = true)
        String currency) {
}
