package io.dealflow.query.board;

import io.dealflow.events.Contact;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A pipeline's board: its stages in order with the open deals in each.
 */
record BoardView(String pipelineId, List<StageColumn> stages) {

    /**
     * One stage of the board. The totals cover every open deal of the stage that passes the filters, not only the
     * cards on this page.
     */
    record StageColumn(
            String id, String name, int position, int winProbability,
            @Schema(description = "Open deals in the stage")
            long count,
            @Schema(description = "Sum of their monetary values when they share one currency (0 when there are none);"
                    + " null when the stage holds several currencies: see totalsByCurrency", nullable = true)
            BigDecimal totalValue,
            @Schema(description = "totalValue x winProbability / 100, rounded to cents; null like totalValue",
                    nullable = true)
            BigDecimal weightedValue,
            @Schema(description = "The one currency of the stage's open deals; null when none or several",
                    nullable = true)
            String currency,
            @Schema(description = "count, totalValue and weightedValue per currency, by currency code")
            List<CurrencyTotal> totalsByCurrency,
            @Schema(description = "The first cards of the stage, most recently moved in first")
            List<Card> opportunities,
            @Schema(description = "Pass as cursor to get the stage's next cards; null on its last page",
                    nullable = true)
            String nextCursor) {
    }

    /** The open deals of one currency in a stage. */
    record CurrencyTotal(String currency, long count, BigDecimal totalValue, BigDecimal weightedValue) {
    }

    /**
     * An open deal as the board shows it.
     *
     * @param openTasks     how many open tasks the deal has (had, on a board as of an instant)
     * @param nextTaskDueAt the soonest due date of its open tasks; null when none has one
     */
    record Card(String id, String name, BigDecimal monetaryValue, String currency, Contact contact, String assignedTo,
                String status, Instant lastStageChangeAt, Integer openTasks, Instant nextTaskDueAt) {
    }
}
