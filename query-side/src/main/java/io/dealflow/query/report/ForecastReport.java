package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** The open deals of a pipeline per stage, at face value and weighted by each stage's win probability. */
record ForecastReport(
        List<StageForecast> stages,
        @Schema(description = "Open deals of the pipeline")
        long count,
        @Schema(description = "Sum of their values when they share one currency (0 when none); null when several:"
                + " see byCurrency", nullable = true)
        BigDecimal openValue,
        @Schema(description = "Σ value × winProbability / 100 over every open deal, rounded half up to cents once"
                + " (so it may differ by a cent from the sum of the rounded stage figures); null like openValue",
                nullable = true)
        BigDecimal weightedValue,
        @Schema(description = "The one currency of the open deals; null when none or several", nullable = true)
        String currency,
        List<CurrencyForecast> byCurrency) {

    /** The open deals of one stage. */
    record StageForecast(
            String id,
            String name,
            int position,
            @Schema(description = "The stage's win probability now, 0 to 100")
            int winProbability,
            long count,
            @Schema(description = "Sum of the open deals' values when they share one currency (0 when none); null when"
                    + " several", nullable = true)
            BigDecimal openValue,
            @Schema(description = "openValue × winProbability / 100, rounded half up to cents; null like openValue",
                    nullable = true)
            BigDecimal weightedValue,
            @Schema(description = "The one currency of the stage's open deals; null when none or several",
                    nullable = true)
            String currency,
            List<CurrencyForecast> byCurrency) {
    }

    /** The open deals of one currency. */
    record CurrencyForecast(String currency, long count, BigDecimal openValue, BigDecimal weightedValue) {
    }
}
