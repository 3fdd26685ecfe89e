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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast of a pipeline: its open deals per stage, at face value and weighted by the stage's win probability now.
 */
@RestController
@Tag(name = "Reports")
class ForecastController {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final ReportPipelines pipelines;
    private final OpenTotals open;
    private final ConsistencyGate consistency;

    ForecastController(ReportPipelines pipelines, OpenTotals open, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.open = open;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/forecast")
    @Operation(summary = "Open deals per stage with count, openValue and weightedValue, and the pipeline's totals",
            description = "weightedValue = Σ value × winProbability / 100 with the stage's probability now, so a"
                    + " probability change shows at once. Deleted deals do not count. See docs/reports.md.")
    ForecastReport forecast(@PathVariable String locationId,
                            @Parameter(description = "Required. " + ReportDocs.PIPELINE)
                            @RequestParam(required = false) String pipelineId,
                            @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, true);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);

        Map<String, Map<String, OpenTotals.Row>> byStage = new TreeMap<>();
        for (OpenTotals.Row row : open.ofPipeline(pipeline.id())) {
            byStage.computeIfAbsent(row.stageId(), id -> new TreeMap<>()).put(row.currency(), row);
        }
        List<ForecastReport.StageForecast> stages = new ArrayList<>();
        Map<String, Totals> totals = new TreeMap<>();
        for (ReportPipelines.Stage stage : pipeline.stages()) {
            List<ForecastReport.CurrencyForecast> currencies = new ArrayList<>();
            for (OpenTotals.Row row : byStage.getOrDefault(stage.id(), Map.of()).values()) {
                BigDecimal weighted = row.value().multiply(BigDecimal.valueOf(stage.winProbability())).divide(HUNDRED);
                currencies.add(new ForecastReport.CurrencyForecast(row.currency(), row.deals(),
                        Ratios.money(row.value()), Ratios.money(weighted)));
                totals.computeIfAbsent(row.currency(), currency -> new Totals()).add(row.deals(), row.value(),
                        weighted);
            }
            long count = currencies.stream().mapToLong(ForecastReport.CurrencyForecast::count).sum();
            ForecastReport.CurrencyForecast single = currencies.size() == 1 ? currencies.get(0) : null;
            stages.add(new ForecastReport.StageForecast(stage.id(), stage.name(), stage.position(),
                    stage.winProbability(), count, amount(currencies, single, true),
                    amount(currencies, single, false), single == null ? null : single.currency(), currencies));
        }
        List<ForecastReport.CurrencyForecast> byCurrency = new ArrayList<>();
        totals.forEach((currency, sums) -> byCurrency.add(new ForecastReport.CurrencyForecast(currency, sums.count,
                Ratios.money(sums.value), Ratios.money(sums.weighted))));
        long count = byCurrency.stream().mapToLong(ForecastReport.CurrencyForecast::count).sum();
        ForecastReport.CurrencyForecast single = byCurrency.size() == 1 ? byCurrency.get(0) : null;
        return new ForecastReport(stages, count, amount(byCurrency, single, true), amount(byCurrency, single, false),
                single == null ? null : single.currency(), byCurrency);
    }

    /** Zero when there is no currency, the amount of the single one, null when there are several. */
    private static BigDecimal amount(List<ForecastReport.CurrencyForecast> currencies,
                                     ForecastReport.CurrencyForecast single, boolean openValue) {
        if (currencies.isEmpty()) {
            return Ratios.money(BigDecimal.ZERO);
        }
        if (single == null) {
            return null;
        }
        return openValue ? single.openValue() : single.weightedValue();
    }

    private static final class Totals {
        private long count;
        private BigDecimal value = BigDecimal.ZERO;
        private BigDecimal weighted = BigDecimal.ZERO;

        void add(long count, BigDecimal value, BigDecimal weighted) {
            this.count += count;
            this.value = this.value.add(value);
            this.weighted = this.weighted.add(weighted);
        }
    }
}
