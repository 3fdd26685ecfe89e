package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the open, not deleted deals per stage and currency that the projection keeps.
 */
@Repository
class OpenTotals {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final JdbcTemplate jdbc;

    OpenTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open deals of the pipeline per stage and currency. */
    List<Row> ofPipeline(String pipelineId) {
        return jdbc.query("SELECT stage_id, currency, deals, total_value FROM read_model.report_open_stage"
                        + " WHERE pipeline_id = ? AND deals <> 0",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)),
                pipelineId);
    }

    /** How many deals are open in the pipeline, or in the whole location when the pipeline is null. */
    long count(String locationId, String pipelineId) {
        Long count = pipelineId == null
                ? jdbc.queryForObject("SELECT coalesce(sum(deals), 0) FROM read_model.report_open_stage"
                + " WHERE location_id = ?", Long.class, locationId)
                : jdbc.queryForObject("SELECT coalesce(sum(deals), 0) FROM read_model.report_open_stage"
                + " WHERE pipeline_id = ?", Long.class, pipelineId);
        return count == null ? 0 : count;
    }

    /** The open value of each stage of the pipeline, weighted by the stage's win probability, and the totals. */
    ForecastReport forecast(ReportPipelines.Pipeline pipeline) {
        Map<String, Map<String, OpenTotals.Row>> byStage = new TreeMap<>();
        for (OpenTotals.Row row : ofPipeline(pipeline.id())) {
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

    /** Open deals of one currency in one stage. */
    record Row(String stageId, String currency, long deals, BigDecimal value) {
    }
}
