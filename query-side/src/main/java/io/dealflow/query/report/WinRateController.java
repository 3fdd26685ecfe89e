package io.dealflow.query.report;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The win rate: deals whose latest close falls in a range, by status, optionally grouped.
 */
@RestController
@Tag(name = "Reports")
class WinRateController {

    private final ReportPipelines pipelines;
    private final CloseTotals closes;
    private final ConsistencyGate consistency;

    WinRateController(ReportPipelines pipelines, CloseTotals closes, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.closes = closes;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/win-rate")
    @Operation(summary = "Won, lost and abandoned deals closed in [from, to) with their values and win rate",
            description = "A deal counts once, by its latest close (won, lost or abandoned), when that close lies in"
                    + " [from, to); a reopened deal that is open now counts nowhere. Deleted deals do not count."
                    + " Values, owner, source and pipeline are the deals' current ones. groupBy=none answers one"
                    + " group; the other groupings answer only groups with closed deals, ordered by key (no owner or"
                    + " source last). See docs/reports.md.")
    WinRateReport winRate(@PathVariable String locationId,
                          @Parameter(description = ReportDocs.FROM) @RequestParam(required = false) String from,
                          @Parameter(description = ReportDocs.TO) @RequestParam(required = false) String to,
                          @Parameter(description = "Only deals now in this pipeline")
                          @RequestParam(required = false) String pipelineId,
                          @Parameter(description = "none (default), owner, pipeline, source or month")
                          @RequestParam(required = false) String groupBy,
                          @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        GroupBy grouping = GroupBy.parse(groupBy);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, false);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);

        Map<String, Map<String, List<CloseTotals.Row>>> byKey = new TreeMap<>(
                Comparator.comparing((String key) -> key.isEmpty()).thenComparing(Comparator.naturalOrder()));
        if (grouping == GroupBy.NONE) {
            byKey.put("", new TreeMap<>());
        }
        for (CloseTotals.Row row : closes.sum(location, range, pipeline == null ? null : pipeline.id(), grouping)) {
            byKey.computeIfAbsent(row.key(), key -> new TreeMap<>())
                    .computeIfAbsent(row.currency(), currency -> new ArrayList<>()).add(row);
        }
        List<WinRateReport.Group> groups = new ArrayList<>();
        byKey.forEach((key, currencies) -> groups.add(group(key.isEmpty() ? null : key, currencies)));
        return new WinRateReport(groups);
    }

    private static WinRateReport.Group group(String key, Map<String, List<CloseTotals.Row>> currencies) {
        List<WinRateReport.CurrencyGroup> byCurrency = new ArrayList<>();
        currencies.forEach((currency, rows) -> {
            long[] counts = new long[3];
            BigDecimal[] values = {BigDecimal.ZERO, BigDecimal.ZERO};
            for (CloseTotals.Row row : rows) {
                switch (row.status()) {
                    case "won" -> {
                        counts[0] += row.deals();
                        values[0] = values[0].add(row.value());
                    }
                    case "lost" -> {
                        counts[1] += row.deals();
                        values[1] = values[1].add(row.value());
                    }
                    default -> counts[2] += row.deals();
                }
            }
            byCurrency.add(new WinRateReport.CurrencyGroup(currency, counts[0], counts[1], counts[2],
                    Ratios.money(values[0]), Ratios.money(values[1])));
        });
        long won = byCurrency.stream().mapToLong(WinRateReport.CurrencyGroup::won).sum();
        long lost = byCurrency.stream().mapToLong(WinRateReport.CurrencyGroup::lost).sum();
        long abandoned = byCurrency.stream().mapToLong(WinRateReport.CurrencyGroup::abandoned).sum();
        BigDecimal wonValue = null;
        BigDecimal lostValue = null;
        String currency = null;
        if (byCurrency.isEmpty()) {
            wonValue = Ratios.money(BigDecimal.ZERO);
            lostValue = Ratios.money(BigDecimal.ZERO);
        } else if (byCurrency.size() == 1) {
            wonValue = byCurrency.get(0).wonValue();
            lostValue = byCurrency.get(0).lostValue();
            currency = byCurrency.get(0).currency();
        }
        return new WinRateReport.Group(key, won, lost, abandoned, wonValue, lostValue, Ratios.of(won, won + lost),
                currency, byCurrency);
    }
}
