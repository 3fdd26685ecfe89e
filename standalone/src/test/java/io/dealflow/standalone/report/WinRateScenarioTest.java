package io.dealflow.standalone.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The win-rate report equals the script's own count of deals by their latest close, in every range, grouping and
 * pipeline filter.
 */
class WinRateScenarioTest extends ReportScenarioTest {

    @Test
    void winRateEqualsTheScriptsOwnCountInEveryRangeAndGrouping() {
        runScript(11);

        for (Instant[] range : ranges()) {
            for (String groupBy : List.of("none", "owner", "pipeline", "source", "month")) {
                for (String pipeline : Arrays.asList(null, sales.id, partners.id)) {
                    String query = "/reports/win-rate?groupBy=" + groupBy + query(range)
                            + (pipeline == null ? "" : "&pipelineId=" + pipeline);
                    assertThat(groups(report(query))).as(query).isEqualTo(expected(range, groupBy, pipeline));
                }
            }
        }
    }

    private List<String> expected(Instant[] range, String groupBy, String pipelineId) {
        TreeMap<String, Map<String, Totals>> groups = byKey();
        if (groupBy.equals("none")) {
            groups.put("", new TreeMap<>());
        }
        for (Deal deal : live(deal -> !deal.open() && in(deal.closedAt, range[0], range[1])
                && (pipelineId == null || deal.pipeline.equals(pipelineId)))) {
            String key = switch (groupBy) {
                case "owner" -> deal.owner == null ? "" : deal.owner;
                case "pipeline" -> deal.pipeline;
                case "source" -> deal.source == null ? "" : deal.source;
                case "month" -> YearMonth.from(deal.closedAt.atZone(ZoneOffset.UTC)).toString();
                default -> "";
            };
            Totals totals = groups.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(deal.currency, currency -> new Totals());
            switch (deal.status) {
                case "won" -> {
                    totals.won++;
                    totals.wonValue = totals.wonValue.add(deal.value);
                }
                case "lost" -> {
                    totals.lost++;
                    totals.lostValue = totals.lostValue.add(deal.value);
                }
                default -> totals.abandoned++;
            }
        }
        List<String> lines = new ArrayList<>();
        groups.forEach((key, currencies) -> {
            long won = currencies.values().stream().mapToLong(totals -> totals.won).sum();
            long lost = currencies.values().stream().mapToLong(totals -> totals.lost).sum();
            long abandoned = currencies.values().stream().mapToLong(totals -> totals.abandoned).sum();
            Totals single = currencies.size() == 1 ? currencies.values().iterator().next() : null;
            String wonValue = currencies.isEmpty() ? "0.00" : single == null ? "null" : money(single.wonValue);
            String lostValue = currencies.isEmpty() ? "0.00" : single == null ? "null" : money(single.lostValue);
            List<String> byCurrency = new ArrayList<>();
            currencies.forEach((currency, totals) -> byCurrency.add(currency + ":" + totals.won + ":" + totals.lost
                    + ":" + totals.abandoned + ":" + money(totals.wonValue) + ":" + money(totals.lostValue)));
            lines.add((key.isEmpty() ? "null" : key) + "|" + won + "|" + lost + "|" + abandoned + "|" + wonValue + "|"
                    + lostValue + "|" + ratio(won, won + lost) + "|"
                    + (single == null ? "null" : currencies.keySet().iterator().next()) + "|" + byCurrency);
        });
        return lines;
    }

    private static List<String> groups(JsonNode answer) {
        List<String> lines = new ArrayList<>();
        for (JsonNode group : answer.get("groups")) {
            List<String> byCurrency = new ArrayList<>();
            for (JsonNode currency : group.get("byCurrency")) {
                byCurrency.add(currency.get("currency").asText() + ":" + currency.get("won") + ":"
                        + currency.get("lost") + ":" + currency.get("abandoned") + ":" + text(currency.get("wonValue"))
                        + ":" + text(currency.get("lostValue")));
            }
            lines.add(text(group.get("key")) + "|" + group.get("won") + "|" + group.get("lost") + "|"
                    + group.get("abandoned") + "|" + text(group.get("wonValue")) + "|" + text(group.get("lostValue"))
                    + "|" + text(group.get("winRate")) + "|" + text(group.get("currency")) + "|" + byCurrency);
        }
        return lines;
    }

    private static final class Totals {
        long won;
        long lost;
        long abandoned;
        BigDecimal wonValue = BigDecimal.ZERO;
        BigDecimal lostValue = BigDecimal.ZERO;
    }
}
