package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sums closed deals by the day of their latest close: the month and day rows that make up the whole days of a range
 * (see {@link ReportRange#periods()}) plus the deal rows of its partial edge days.
 */
@Repository
class CloseTotals {

    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);

    private final JdbcTemplate jdbc;

    CloseTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deals closed in the range per group key, status and currency; a null pipeline means every pipeline. */
    List<Row> sum(String locationId, ReportRange range, String pipelineId, GroupBy groupBy) {
        List<Object> arguments = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (ReportRange.Periods periods : range.periods()) {
            boolean months = periods.grain() == ReportRange.Grain.MONTH;
            String column = months ? "month" : "day";
            String sign = periods.sign() < 0 ? "-" : "";
            StringBuilder part = new StringBuilder("SELECT " + groupBy.periodKey(column) + " AS key, status,"
                    + " currency, " + sign + "deals AS deals, " + sign + "total_value AS total_value, " + sign
                    + "cycle_millis AS cycle_millis FROM read_model."
                    + (months ? "report_close_month" : "report_close_day")
                    + " WHERE location_id = ? AND dimension = ?");
            arguments.add(locationId);
            arguments.add(groupBy.dimension);
            if (pipelineId != null) {
                part.append(" AND pipeline_id = ?");
                arguments.add(pipelineId);
            } else {
                // The rows across every pipeline, unless the groups are the pipelines.
                part.append(groupBy == GroupBy.PIPELINE ? " AND pipeline_id <> ?" : " AND pipeline_id = ?");
                arguments.add(ReportDeltas.EVERY_PIPELINE);
            }
            part.append(" AND ").append(periods.condition(column, arguments));
            parts.add(part.toString());
        }
        List<Object> edgeArguments = new ArrayList<>(List.of(locationId));
        String edges = range.partialDays("closed_at", edgeArguments);
        if (edges != null) {
            parts.add("SELECT " + groupBy.dealKey + " AS key, status, currency, 1 AS deals,"
                    + " monetary_value AS total_value, (extract(epoch FROM closed_at) * 1000"
                    + " - extract(epoch FROM created_at) * 1000)::bigint AS cycle_millis"
                    + " FROM read_model.report_deal WHERE location_id = ? AND closed_at IS NOT NULL AND NOT deleted"
                    + " AND " + edges + (pipelineId == null ? "" : " AND pipeline_id = ?"));
            arguments.addAll(edgeArguments);
            if (pipelineId != null) {
                arguments.add(pipelineId);
            }
        }
        return jdbc.query("SELECT key, status, currency, sum(deals), sum(total_value), sum(cycle_millis) FROM ("
                        + String.join(" UNION ALL ", parts) + ") closes GROUP BY key, status, currency"
                        + " HAVING sum(deals) <> 0",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getLong(6)), arguments.toArray());
    }

    /**
     * The win rate of the deals whose latest close lies in the range: by status and currency, in groups ordered by
     * key (no owner or source last), one group when not grouped.
     */
    WinRateReport winRate(String location, ReportRange range, ReportPipelines.Pipeline pipeline, GroupBy grouping) {
        Map<String, Map<String, List<CloseTotals.Row>>> byKey = new TreeMap<>(
                Comparator.comparing((String key) -> key.isEmpty()).thenComparing(Comparator.naturalOrder()));
        if (grouping == GroupBy.NONE) {
            byKey.put("", new TreeMap<>());
        }
        for (CloseTotals.Row row : sum(location, range, pipeline == null ? null : pipeline.id(), grouping)) {
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

    /**
     * The sales velocity of the deals whose latest close lies in the range, with {@code openCount} deals open now:
     * open deals times average won value times win rate, per day of the average won cycle.
     */
    VelocityReport velocity(String location, ReportRange range, String scope, long openCount) {
        long won = 0;
        long lost = 0;
        long cycleMillis = 0;
        BigDecimal wonValue = BigDecimal.ZERO;
        Set<String> wonCurrencies = new HashSet<>();
        for (CloseTotals.Row row : sum(location, range, scope, GroupBy.NONE)) {
            if (row.status().equals("won")) {
                won += row.deals();
                cycleMillis += row.cycleMillis();
                wonValue = wonValue.add(row.value());
                wonCurrencies.add(row.currency());
            } else if (row.status().equals("lost")) {
                lost += row.deals();
            }
        }
        boolean oneCurrency = wonCurrencies.size() == 1;
        BigDecimal avgWonValue = won > 0 && oneCurrency
                ? wonValue.divide(BigDecimal.valueOf(won), Ratios.MONEY_SCALE, RoundingMode.HALF_UP) : null;
        BigDecimal avgCycleDays = won > 0 ? BigDecimal.valueOf(cycleMillis)
                .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(won)), Ratios.RATIO_SCALE, RoundingMode.HALF_UP)
                : null;
        // openCount × (wonValue / won) × (won / (won + lost)) ÷ (cycleMillis / won / day), with one division.
        BigDecimal velocity = avgWonValue != null && cycleMillis > 0
                ? BigDecimal.valueOf(openCount).multiply(wonValue).multiply(BigDecimal.valueOf(won))
                .multiply(MILLIS_PER_DAY)
                .divide(BigDecimal.valueOf(won + lost).multiply(BigDecimal.valueOf(cycleMillis)),
                        Ratios.MONEY_SCALE, RoundingMode.HALF_UP)
                : null;
        return new VelocityReport(openCount, won, lost, avgWonValue, Ratios.of(won, won + lost), avgCycleDays,
                velocity, oneCurrency ? wonCurrencies.iterator().next() : null);
    }

    /**
     * Closed deals of one group, status and currency.
     *
     * @param key         the group key; empty for "none"
     * @param cycleMillis sum over the deals of latest close minus creation, in milliseconds
     */
    record Row(String key, String status, String currency, long deals, BigDecimal value, long cycleMillis) {
    }
}
