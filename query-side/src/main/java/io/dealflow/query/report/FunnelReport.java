package io.dealflow.query.report;

import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** How far the deals created in a range got through a pipeline's stages. */
record FunnelReport(
        List<Step> stages,
        @Schema(description = "Deals created in [from, to), now in the pipeline, whose status is won now")
        long won) {

    /** One stage of the funnel. */
    record Step(
            String id,
            String name,
            int position,
            @Schema(description = "Deals created in [from, to), now in the pipeline and not deleted, that were ever"
                    + " in this stage or in one placed after it (by the current stage order)")
            long reached,
            @Schema(description = "reached of the next stage / reached of this one, a decimal rounded half up to 4"
                    + " places; null for the last stage and when reached is 0", nullable = true)
            BigDecimal conversionToNext) {
    }
}
