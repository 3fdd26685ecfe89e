package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;

/** Of the deals created in a range, how many are won now. */
record ConversionReport(
        @Schema(description = "Deals created in [from, to) that are not deleted")
        long created,
        @Schema(description = "Of those, the ones whose status is won now")
        long won,
        @Schema(description = "won / created, a decimal rounded half up to 4 places; null when created is 0",
                nullable = true)
        BigDecimal conversionRate) {
}
