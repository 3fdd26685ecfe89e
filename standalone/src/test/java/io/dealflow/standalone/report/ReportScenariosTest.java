package io.dealflow.standalone.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the script once, then compares each report with the script's own figures in every range and filter, and
 * checks that a rebuilt projection answers the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportScenariosTest extends ReportScenarioTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    ProcessorPositions positions;
    private String scriptLocation;

    @BeforeAll
    void script() {
        scriptLocation = "script-" + UUID.randomUUID().toString().substring(0, 8);
        runScript(11);
    }

    private Instant lastMoment() {
        return moments.stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Every test reads the location of the script. */
    @Override
    protected String at(String path) {
        return "/api/v1/locations/" + scriptLocation + path;
    }

    @Test
    void winRateEqualsTheScriptsOwnCountInEveryRangeAndGrouping() {
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
        groups.forEach((String key, Map<String, Totals> currencies) -> {
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

    @Test
    void scriptGivesEveryReportSomethingToCount() {
        JsonNode all = report("/reports/win-rate").get("groups").get(0);
        assertThat(all.get("won").asLong()).isPositive();
        assertThat(all.get("lost").asLong()).isPositive();
        assertThat(all.get("byCurrency")).hasSize(2);
        assertThat(report("/reports/funnel?pipelineId=" + sales.id).get("stages").get(1).get("reached").asLong())
                .isPositive();
        clock.set(lastMoment().plus(Duration.ofHours(1)));
        JsonNode durations = report("/reports/stage-durations?pipelineId=" + sales.id).get("stages");
        assertThat(durations).anySatisfy(stage -> assertThat(stage.get("samples").asLong()).isGreaterThan(2));
        assertThat(durations).anySatisfy(stage -> assertThat(stage.get("openOverdue").asLong()).isPositive());
        assertThat(report("/reports/velocity?pipelineId=" + sales.id).get("velocityPerDay").isNull()).isFalse();
    }

    @Test
    void conversionEqualsTheScriptsOwnCountInEveryRange() {
        for (Instant[] range : ranges()) {
            for (String pipeline : Arrays.asList(null, sales.id, partners.id)) {
                String query = "/reports/conversion?" + query(range)
                        + (pipeline == null ? "" : "&pipelineId=" + pipeline);
                JsonNode answer = report(query);
                List<Deal> created = live(deal -> in(deal.createdAt, range[0], range[1])
                        && (pipeline == null || deal.pipeline.equals(pipeline)));
                long won = created.stream().filter(deal -> deal.status.equals("won")).count();
                assertThat(answer.get("created") + "/" + answer.get("won") + "/" + text(answer.get("conversionRate")))
                        .as(query).isEqualTo(created.size() + "/" + won + "/" + ratio(won, created.size()));
            }
        }
    }

    @Test
    void funnelEqualsTheStagesEachDealReachedInEveryRange() {
        for (Instant[] range : ranges()) {
            for (Pipe pipe : List.of(sales, partners)) {
                String query = "/reports/funnel?pipelineId=" + pipe.id + query(range);
                JsonNode answer = report(query);
                List<Deal> created = live(deal -> deal.pipeline.equals(pipe.id)
                        && in(deal.createdAt, range[0], range[1]));
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < pipe.stages.size(); i++) {
                    long reached = reachedFrom(created, pipe, i);
                    String next = i + 1 < pipe.stages.size() ? ratio(reachedFrom(created, pipe, i + 1), reached)
                            : "null";
                    expected.add(pipe.stages.get(i) + "|" + reached + "|" + next);
                }
                expected.add("won|" + created.stream().filter(deal -> deal.status.equals("won")).count());
                List<String> actual = new ArrayList<>();
                for (JsonNode stage : answer.get("stages")) {
                    actual.add(stage.get("id").asText() + "|" + stage.get("reached") + "|"
                            + text(stage.get("conversionToNext")));
                }
                actual.add("won|" + answer.get("won"));
                assertThat(actual).as(query).isEqualTo(expected);
            }
        }
    }

    @Test
    void forecastEqualsTheOpenDealsWeightedByTheProbabilityNow() {
        for (Pipe pipe : List.of(sales, partners)) {
            JsonNode answer = report("/reports/forecast?pipelineId=" + pipe.id);
            List<String> expected = new ArrayList<>();
            Map<String, Forecast> totals = new TreeMap<>();
            for (String stage : pipe.stages) {
                Map<String, Forecast> byCurrency = new TreeMap<>();
                for (Deal deal : live(deal -> deal.open() && deal.pipeline.equals(pipe.id)
                        && deal.stage.equals(stage))) {
                    BigDecimal weighted = deal.value.multiply(BigDecimal.valueOf(pipe.probability.get(stage)))
                            .divide(BigDecimal.valueOf(100));
                    byCurrency.computeIfAbsent(deal.currency, currency -> new Forecast()).add(deal.value, weighted);
                    totals.computeIfAbsent(deal.currency, currency -> new Forecast()).add(deal.value, weighted);
                }
                expected.add(stage + "|" + pipe.probability.get(stage) + "|" + Forecast.line(byCurrency));
            }
            expected.add("total|" + Forecast.line(totals));
            List<String> actual = new ArrayList<>();
            for (JsonNode stage : answer.get("stages")) {
                actual.add(stage.get("id").asText() + "|" + stage.get("winProbability") + "|" + forecastLine(stage));
            }
            actual.add("total|" + forecastLine(answer));
            assertThat(actual).as(pipe.id).isEqualTo(expected);
        }
    }

    @Test
    void stageDurationsEqualTheVisitsOfTheScript() {
        for (Duration later : List.of(Duration.ofMillis(1), Duration.ofSeconds(10), Duration.ofHours(1))) {
            clock.set(lastMoment().plus(later));
            Instant now = clock.instant();
            for (Instant[] range : ranges()) {
                for (Pipe pipe : List.of(sales, partners)) {
                    String query = "/reports/stage-durations?pipelineId=" + pipe.id + query(range);
                    JsonNode answer = report(query);
                    List<String> expected = new ArrayList<>();
                    List<String> actual = new ArrayList<>();
                    for (int i = 0; i < pipe.stages.size(); i++) {
                        String stage = pipe.stages.get(i);
                        JsonNode answered = answer.get("stages").get(i);
                        List<Long> millis = live(deal -> true).stream().flatMap(deal -> deal.visits.stream())
                                .filter(visit -> visit.pipeline.equals(pipe.id) && visit.stage.equals(stage)
                                        && in(visit.left, range[0], range[1]))
                                .map(visit -> Duration.between(visit.entered, visit.left).toMillis()).sorted().toList();
                        actual.add(answered.get("id").asText() + "|" + answered.get("samples") + "|"
                                + text(answered.get("avgSeconds")) + "|" + text(answered.get("openOverdue")));
                        if (millis.isEmpty()) {
                            expected.add(stage + "|0|null|null");
                            assertThat(text(answered.get("medianSeconds")) + "|" + text(answered.get("p90Seconds")))
                                    .as(query).isEqualTo("null|null");
                            continue;
                        }
                        assertNearPercentile(answered.get("medianSeconds"), percentile(millis, "0.5"),
                                query + " median of " + stage + " " + millis);
                        assertNearPercentile(answered.get("p90Seconds"), percentile(millis, "0.9"),
                                query + " p90 of " + stage + " " + millis);
                        // openOverdue compares with the p90 as answered, so it is exact given that answer.
                        BigDecimal p90 = answered.get("p90Seconds").decimalValue().movePointRight(3);
                        long overdue = live(deal -> deal.current != null && deal.current.pipeline.equals(pipe.id)
                                && deal.current.stage.equals(stage)
                                && BigDecimal.valueOf(Duration.between(deal.current.entered, now).toMillis())
                                .compareTo(p90) > 0).size();
                        long sum = millis.stream().mapToLong(Long::longValue).sum();
                        expected.add(stage + "|" + millis.size() + "|"
                                + seconds(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(millis.size()), 10,
                                RoundingMode.HALF_UP)) + "|" + overdue);
                    }
                    assertThat(actual).as(query).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void velocityEqualsTheScriptsOwnFigures() {
        for (Instant[] range : ranges()) {
            for (String pipeline : Arrays.asList(null, sales.id, partners.id)) {
                String query = "/reports/velocity?" + query(range)
                        + (pipeline == null ? "" : "&pipelineId=" + pipeline);
                JsonNode answer = report(query);
                Predicate<Deal> inPipeline = deal -> pipeline == null || deal.pipeline.equals(pipeline);
                long open = live(deal -> deal.open() && inPipeline.test(deal)).size();
                List<Deal> won = live(deal -> deal.status.equals("won") && in(deal.closedAt, range[0], range[1])
                        && inPipeline.test(deal));
                long lost = live(deal -> deal.status.equals("lost") && in(deal.closedAt, range[0], range[1])
                        && inPipeline.test(deal)).size();
                BigDecimal wonValue = won.stream().map(deal -> deal.value).reduce(BigDecimal.ZERO, BigDecimal::add);
                long cycle = won.stream().mapToLong(deal -> Duration.between(deal.createdAt, deal.closedAt).toMillis())
                        .sum();
                Set<String> currencies = won.stream().map(deal -> deal.currency).collect(Collectors.toSet());
                boolean oneCurrency = currencies.size() == 1;
                String avgWonValue = won.isEmpty() || !oneCurrency ? "null"
                        : money(wonValue.divide(BigDecimal.valueOf(won.size()), 10, RoundingMode.HALF_UP));
                String avgCycleDays = won.isEmpty() ? "null" : BigDecimal.valueOf(cycle)
                        .divide(BigDecimal.valueOf(won.size() * 86_400_000L), 4, RoundingMode.HALF_UP).toPlainString();
                // Straight from the definition: openCount × (wonValue / won) × winRate ÷ (cycle / won / day).
                String velocity = avgWonValue.equals("null") || cycle == 0 ? "null" : money(BigDecimal.valueOf(open)
                        .multiply(wonValue.divide(BigDecimal.valueOf(won.size()), MathContext.DECIMAL128))
                        .multiply(BigDecimal.valueOf(won.size())
                                .divide(BigDecimal.valueOf(won.size() + lost), MathContext.DECIMAL128))
                        .divide(BigDecimal.valueOf(cycle).divide(BigDecimal.valueOf(won.size() * 86_400_000L),
                                MathContext.DECIMAL128), MathContext.DECIMAL128));
                assertThat(answer.get("openCount") + "|" + answer.get("won") + "|" + answer.get("lost") + "|"
                        + text(answer.get("avgWonValue")) + "|" + text(answer.get("winRate")) + "|"
                        + text(answer.get("avgCycleDays")) + "|" + text(answer.get("velocityPerDay")) + "|"
                        + text(answer.get("currency"))).as(query)
                        .isEqualTo(open + "|" + won.size() + "|" + lost + "|" + avgWonValue + "|"
                                + ratio(won.size(), won.size() + lost) + "|" + avgCycleDays + "|" + velocity + "|"
                                + (oneCurrency ? currencies.iterator().next() : "null"));
            }
        }
    }

    @Test
    void rebuiltProjectionAnswersExactlyTheSame() throws Exception {
        List<String> before = everyAnswer();
        StreamingEventProcessor processor = processing.eventProcessor(ReadModels.REPORTS,
                StreamingEventProcessor.class).orElseThrow();

        processor.shutdownAsync().get(30, TimeUnit.SECONDS);
        processor.resetTokens();
        processor.start();

        long head = Long.parseLong(token);
        await().atMost(Duration.ofSeconds(120)).until(() -> positions.cover(head, List.of(ReadModels.REPORTS)));
        assertThat(everyAnswer()).isEqualTo(before);
    }

    private List<String> everyAnswer() {
        List<String> answers = new ArrayList<>();
        for (String groupBy : List.of("none", "owner", "pipeline", "source", "month")) {
            answers.add(report("/reports/win-rate?groupBy=" + groupBy).toString());
        }
        answers.add(report("/reports/conversion").toString());
        answers.add(report("/reports/velocity").toString());
        for (Pipe pipe : List.of(sales, partners)) {
            for (String name : List.of("funnel", "forecast", "stage-durations")) {
                answers.add(report("/reports/" + name + "?pipelineId=" + pipe.id).toString());
            }
        }
        return answers;
    }

    private static long reachedFrom(List<Deal> created, Pipe pipe, int index) {
        return created.stream().filter(deal -> pipe.stages.subList(index, pipe.stages.size()).stream()
                .anyMatch(stage -> deal.reached.contains(pipe.id + "/" + stage))).count();
    }

    private static String forecastLine(JsonNode node) {
        List<String> byCurrency = new ArrayList<>();
        for (JsonNode currency : node.get("byCurrency")) {
            byCurrency.add(currency.get("currency").asText() + ":" + currency.get("count") + ":"
                    + text(currency.get("openValue")) + ":" + text(currency.get("weightedValue")));
        }
        return node.get("count") + "|" + text(node.get("openValue")) + "|" + text(node.get("weightedValue")) + "|"
                + text(node.get("currency")) + "|" + byCurrency;
    }

    /** Open deals of one currency: count, value and exact weighted value. */
    private static final class Forecast {
        long count;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;

        void add(BigDecimal value, BigDecimal weighted) {
            count++;
            this.value = this.value.add(value);
            this.weighted = this.weighted.add(weighted);
        }

        static String line(Map<String, Forecast> byCurrency) {
            long count = byCurrency.values().stream().mapToLong(forecast -> forecast.count).sum();
            Forecast single = byCurrency.size() == 1 ? byCurrency.values().iterator().next() : null;
            String value = byCurrency.isEmpty() ? "0.00" : single == null ? "null" : money(single.value);
            String weighted = byCurrency.isEmpty() ? "0.00" : single == null ? "null" : money(single.weighted);
            List<String> currencies = new ArrayList<>();
            byCurrency.forEach((currency, forecast) -> currencies.add(currency + ":" + forecast.count + ":"
                    + money(forecast.value) + ":" + money(forecast.weighted)));
            return count + "|" + value + "|" + weighted + "|"
                    + (single == null ? "null" : byCurrency.keySet().iterator().next()) + "|" + currencies;
        }
    }

    private static final class Totals {
        long won;
        long lost;
        long abandoned;
        BigDecimal wonValue = BigDecimal.ZERO;
        BigDecimal lostValue = BigDecimal.ZERO;
    }
}
