package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** Deals closed in a range, won, lost and abandoned, with the win rate of each group. */
record WinRateReport(List<Group> groups) {

    /** The closed deals of one group. */
    record Group(
            @Schema(description = "The owner id, pipeline id, source or month (YYYY-MM, UTC) of the group; null for"
                    + " groupBy=none and for deals without owner or source", nullable = true)
            String key,
            long won,
            long lost,
            long abandoned,
            @Schema(description = "Sum of the won deals' current values when all the group's closed deals share one"
                    + " currency (0 when there are none); null when they are in several: see byCurrency",
                    nullable = true)
            BigDecimal wonValue,
            @Schema(description = "Sum of the lost deals' current values; null like wonValue", nullable = true)
            BigDecimal lostValue,
            @Schema(description = "won / (won + lost), a decimal rounded half up to 4 places; null when both are 0."
                    + " Abandoned deals do not count", nullable = true)
            BigDecimal winRate,
            @Schema(description = "The one currency of the group's closed deals; null when none or several",
                    nullable = true)
            String currency,
            @Schema(description = "Counts and values per currency, by currency code")
            List<CurrencyGroup> byCurrency) {
    }

    /** The closed deals of one currency in a group. */
    record CurrencyGroup(String currency, long won, long lost, long abandoned, BigDecimal wonValue,
                         BigDecimal lostValue) {
    }
}
