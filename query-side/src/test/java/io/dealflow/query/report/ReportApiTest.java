package io.dealflow.query.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The report endpoints over real HTTP on events stamped at chosen instants, so ranges cut through whole days, partial
 * days and exact boundaries; and every kind of bad parameter.
 */
class ReportApiTest extends QueryApiTest {

    private static final ObjectMapper DECIMALS = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private PipelineCreated pipeline;
    private String token;

    @BeforeEach
    void pipeline() {
        pipeline = Given.pipeline(location, "Sales", "Lead", "Demo", "Closing");
        token = events.appendAt(Instant.parse("2026-01-01T00:00:00Z"), pipeline);
    }

    @Test
    void winRateCountsEachDealByItsLatestCloseInsideTheHalfOpenRange() {
        OpportunityCreated atMidnight = createdAt("2026-02-27T10:00:00Z", "100", "ann");
        OpportunityCreated midDay = createdAt("2026-02-27T10:00:00Z", "200", "bob");
        OpportunityCreated lastMillisecond = createdAt("2026-02-27T10:00:00Z", "300", "ann");
        OpportunityCreated atTheEnd = createdAt("2026-02-27T10:00:00Z", "400", "ann");
        OpportunityCreated reclosed = createdAt("2026-02-27T10:00:00Z", "500", null);
        won(atMidnight, "2026-03-01T00:00:00Z");
        lost(midDay, "2026-03-02T12:00:00Z");
        won(lastMillisecond, "2026-03-03T23:59:59.999Z");
        won(atTheEnd, "2026-03-05T08:00:00Z");
        won(reclosed, "2026-03-02T09:00:00Z");
        at("2026-03-02T09:30:00Z", new OpportunityReopened(reclosed.opportunityId(), location, "won"));
        lost(reclosed, "2026-04-01T00:00:00Z");

        assertThat(winRate("from=2026-03-01&to=2026-03-05T08:00:00Z")).isEqualTo(List.of(2L, 1L, "400.00"));
        assertThat(winRate("from=2026-03-01T00:00:00.001Z&to=2026-03-05T08:00:00.001Z"))
                .isEqualTo(List.of(2L, 1L, "700.00"));
        assertThat(winRate("from=2026-03-02T12:00:00Z&to=2026-03-02T12:00:00.001Z"))
                .isEqualTo(List.of(0L, 1L, "0.00"));
        assertThat(winRate("from=2026-03-02&to=2026-03-03")).isEqualTo(List.of(0L, 1L, "0.00"));
        assertThat(winRate("to=2026-04-01")).isEqualTo(List.of(3L, 1L, "800.00"));
        assertThat(winRate("from=2026-04-01T00:00:00Z")).isEqualTo(List.of(0L, 1L, "0.00"));
        assertThat(winRate("")).isEqualTo(List.of(3L, 2L, "800.00"));

        JsonNode byMonth = report(at("/reports/win-rate?groupBy=month"), token).get("groups");
        assertThat(byMonth).hasSize(2);
        assertThat(byMonth.get(0).get("key").asText()).isEqualTo("2026-03");
        assertThat(byMonth.get(0).get("winRate").decimalValue()).isEqualByComparingTo("0.75");
        assertThat(byMonth.get(1).get("key").asText()).isEqualTo("2026-04");
        assertThat(byMonth.get(1).get("winRate").decimalValue()).isEqualByComparingTo("0");

        JsonNode byOwner = report(at("/reports/win-rate?groupBy=owner&from=2026-03-01&to=2026-04-02"), token)
                .get("groups");
        assertThat(byOwner).extracting(group -> group.get("key").isNull() ? null : group.get("key").asText())
                .containsExactly("ann", "bob", null);
        assertThat(byOwner.get(0).get("won").asLong()).isEqualTo(3);
        assertThat(byOwner.get(0).get("winRate").decimalValue()).isEqualByComparingTo("1.0000");
        assertThat(byOwner.get(1).get("winRate").decimalValue()).isEqualByComparingTo("0.0000");
        assertThat(byOwner.get(2).get("lostValue").decimalValue()).isEqualByComparingTo("500");
    }

    @Test
    void winRateIsNullWithoutWonOrLostDeals() {
        JsonNode groups = report(at("/reports/win-rate?from=2026-01-01&to=2026-02-01"), token).get("groups");

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).get("key").isNull()).isTrue();
        assertThat(groups.get(0).get("won").asLong()).isZero();
        assertThat(groups.get(0).get("winRate").isNull()).isTrue();
        assertThat(groups.get(0).get("wonValue").decimalValue()).isEqualByComparingTo("0");
        assertThat(report(at("/reports/win-rate?groupBy=owner"), token).get("groups")).isEmpty();
    }

    @Test
    void valuesInSeveralCurrenciesAreGivenPerCurrency() {
        OpportunityCreated dollars = createdAt("2026-03-01T10:00:00Z", "100", "ann");
        OpportunityCreated euros = events(Given.opportunity(pipeline, 0, "Euro deal", "80", "EUR", "ann", "web",
                List.of()), "2026-03-01T10:00:00Z");
        won(dollars, "2026-03-02T10:00:00Z");
        won(euros, "2026-03-02T11:00:00Z");

        JsonNode group = report(at("/reports/win-rate"), token).get("groups").get(0);
        assertThat(group.get("won").asLong()).isEqualTo(2);
        assertThat(group.get("wonValue").isNull()).isTrue();
        assertThat(group.get("currency").isNull()).isTrue();
        assertThat(group.get("byCurrency").toString()).isEqualTo("[{\"currency\":\"EUR\",\"won\":1,\"lost\":0,"
                + "\"abandoned\":0,\"wonValue\":80.00,\"lostValue\":0.00},{\"currency\":\"USD\",\"won\":1,\"lost\":0,"
                + "\"abandoned\":0,\"wonValue\":100.00,\"lostValue\":0.00}]");
        assertThat(report(at("/reports/velocity"), token).get("avgWonValue").isNull()).isTrue();
    }

    @Test
    void conversionAndFunnelCountDealsCreatedInTheRange() {
        OpportunityCreated early = createdAt("2026-03-01T00:00:00Z", "100", "ann");
        OpportunityCreated inside = createdAt("2026-03-02T15:00:00Z", "100", "ann");
        OpportunityCreated late = createdAt("2026-03-04T23:59:59.999Z", "100", "ann");
        at("2026-03-05T01:00:00Z", new OpportunityStageMoved(inside.opportunityId(), location, pipeline.pipelineId(),
                stage(0), pipeline.pipelineId(), stage(2)));
        won(inside, "2026-03-06T00:00:00Z");
        won(late, "2026-03-06T00:00:00Z");

        assertThat(conversion("from=2026-03-01&to=2026-03-05")).isEqualTo("3/2/0.6667");
        assertThat(conversion("from=2026-03-01T00:00:00.001Z&to=2026-03-04T23:59:59.999Z")).isEqualTo("1/1/1.0000");
        assertThat(conversion("from=2026-03-03&to=2026-03-04")).isEqualTo("0/0/null");
        assertThat(conversion("pipelineId=" + pipeline.pipelineId())).isEqualTo("3/2/0.6667");

        JsonNode funnel = report(at("/reports/funnel?pipelineId=" + pipeline.pipelineId() + "&from=2026-03-01"), token);
        assertThat(funnel.get("stages")).extracting(stage -> stage.get("reached").asLong()).containsExactly(3L, 1L, 1L);
        assertThat(funnel.get("stages")).extracting(stage -> stage.get("conversionToNext").toString())
                .containsExactly("0.3333", "1.0000", "null");
        assertThat(funnel.get("won").asLong()).isEqualTo(2);
        assertThat(early.opportunityId()).isNotNull();
    }

    @Test
    void stageDurationsMeasureVisitsEndedInTheRange() {
        OpportunityCreated quick = createdAt("2026-03-01T10:00:00Z", "100", "ann");
        OpportunityCreated slow = createdAt("2026-03-01T10:00:00Z", "100", "ann");
        OpportunityCreated stuck = createdAt("2026-03-01T10:00:00Z", "100", "ann");
        at("2026-03-01T10:00:10Z", move(quick, 0, 1));
        at("2026-03-01T10:01:40Z", move(slow, 0, 1));
        lost(quick, "2026-03-01T10:00:40.5Z");

        JsonNode lead = report(at("/reports/stage-durations?pipelineId=" + pipeline.pipelineId()
                + "&from=2026-03-01T10:00:10Z&to=2026-03-01T10:01:41Z"), token).get("stages").get(0);
        assertThat(lead.get("samples").asLong()).isEqualTo(2);
        assertThat(lead.get("avgSeconds").decimalValue()).isEqualByComparingTo("55");
        // Estimated from histogram buckets: within 1/64 of the exact 55 s and 91 s.
        assertThat(lead.get("medianSeconds").doubleValue()).isCloseTo(55, offset(55.0 / 64));
        assertThat(lead.get("p90Seconds").doubleValue()).isCloseTo(91, offset(91.0 / 64));
        assertThat(lead.get("openOverdue").asLong()).as("%s sits in Lead since March", stuck.name()).isEqualTo(1);
        JsonNode demo = report(at("/reports/stage-durations?pipelineId=" + pipeline.pipelineId()), token)
                .get("stages").get(1);
        assertThat(demo.get("samples").asLong()).isEqualTo(1);
        assertThat(demo.get("avgSeconds").decimalValue()).isEqualByComparingTo("30.5");
        JsonNode closing = report(at("/reports/stage-durations?pipelineId=" + pipeline.pipelineId()), token)
                .get("stages").get(2);
        assertThat(closing.get("samples").asLong()).isZero();
        assertThat(closing.get("medianSeconds").isNull()).isTrue();
        assertThat(closing.get("openOverdue").isNull()).isTrue();
    }

    @Test
    void stageDurationsSumWholeMonthsWholeDaysAndPartialEdgeDays() {
        Instant created = Instant.parse("2026-01-20T08:00:00Z");
        List<Instant[]> visits = new ArrayList<>();
        Random random = new Random(3);
        for (int i = 0; i < 60; i++) {
            OpportunityCreated deal = createdAt(created.plusSeconds(i * 3_600L).toString(), "10", "ann");
            Instant left = created.plusSeconds(i * 3_600L + 3_600L * 20 * i + random.nextInt(5_000_000));
            at(left.toString(), move(deal, 0, 1));
            visits.add(new Instant[]{created.plusSeconds(i * 3_600L), left});
        }
        // Edge days from day rows; then edges from month rows less the day rows outside the range.
        for (String[] range : new String[][]{{"2026-01-25T12:00:00Z", "2026-03-05T06:00:00Z"},
                {"2026-01-05T12:00:00Z", "2026-03-25T06:00:00Z"}, {"2026-02-02T07:00:00Z", "2026-02-27T01:00:00Z"}}) {
            Instant from = Instant.parse(range[0]);
            Instant to = Instant.parse(range[1]);
            List<Long> sorted = visits.stream().filter(visit -> !visit[1].isBefore(from) && visit[1].isBefore(to))
                    .map(visit -> visit[1].toEpochMilli() - visit[0].toEpochMilli()).sorted().toList();

            JsonNode lead = report(at("/reports/stage-durations?pipelineId=" + pipeline.pipelineId() + "&from="
                    + from + "&to=" + to), token).get("stages").get(0);

            assertThat(lead.get("samples").asLong()).as(range[0]).isEqualTo(sorted.size()).isGreaterThan(5);
            assertThat(lead.get("avgSeconds").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(
                    sorted.stream().mapToLong(Long::longValue).sum()).divide(BigDecimal.valueOf(sorted.size() * 1000L),
                    3, RoundingMode.HALF_UP));
            for (String[] percentile : new String[][]{{"medianSeconds", "0.5"}, {"p90Seconds", "0.9"}}) {
                double position = Double.parseDouble(percentile[1]) * (sorted.size() - 1);
                int low = (int) position;
                double exact = sorted.get(low) + (position - low) * (sorted.get(Math.min(low + 1, sorted.size() - 1))
                        - sorted.get(low));
                assertThat(lead.get(percentile[0]).doubleValue() * 1000).as(percentile[0])
                        .isCloseTo(exact, offset(exact / 64 + 0.5));
            }
        }
    }

    @Test
    void reportsSumMonthsAndDaysExactlyAcrossMonthBoundariesAndPartialDays() {
        PipelineCreated other = Given.pipeline(location, "Renewals", "Ask", "Sign");
        at("2026-01-01T00:00:00Z", other);
        Random random = new Random(7);
        String[] owners = {"ann", "bob", null};
        List<Deal> deals = new ArrayList<>();
        Instant start = Instant.parse("2026-01-03T00:00:00Z");
        for (int i = 0; i < 80; i++) {
            Instant created = start.plusSeconds(random.nextInt(110 * 86_400));
            int outcome = random.nextInt(4);
            Instant closed = outcome == 0 ? null : created.plusSeconds(1 + random.nextInt(40 * 86_400));
            String owner = owners[random.nextInt(owners.length)];
            OpportunityCreated deal = events(Given.opportunity(i % 2 == 0 ? pipeline : other, 0, "Deal",
                    String.valueOf(10 + i), owner), created.toString());
            if (outcome == 1) {
                won(deal, closed.toString());
            } else if (outcome > 1) {
                lost(deal, closed.toString());
            }
            deals.add(new Deal(i % 2 == 0, owner == null ? "" : owner, created, outcome == 1, closed));
        }
        // Edges served by day rows, by a month row less day rows, both ends inside one month, open ends.
        String[][] ranges = {{"2026-01-10T05:00:00Z", "2026-04-20T13:00:00.001Z"},
                {"2026-01-25T00:00:00Z", "2026-04-05T00:00:00Z"}, {"2026-02-27T12:00:00Z", "2026-03-03T01:00:00Z"},
                {"2026-03-02T00:00:00Z", "2026-03-30T10:00:00Z"}, {"2026-03-20T23:59:59.999Z", "2026-03-21T00:00:00Z"},
                {"2026-02-01T00:00:00Z", "2026-04-01T00:00:00Z"}, {"2026-01-15T17:00:00Z", null},
                {null, "2026-03-28T08:00:00Z"}};
        for (String[] range : ranges) {
            String query = (range[0] == null ? "" : "from=" + range[0]) + (range[1] == null ? "" : "&to=" + range[1]);
            Instant from = range[0] == null ? Instant.MIN : Instant.parse(range[0]);
            Instant to = range[1] == null ? Instant.MAX : Instant.parse(range[1]);
            List<String> expectedByOwner = new ArrayList<>();
            for (String owner : new String[]{"ann", "bob", ""}) {
                long won = deals.stream().filter(deal -> deal.owner().equals(owner) && deal.closedIn(from, to)
                        && deal.won()).count();
                long closed = deals.stream().filter(deal -> deal.owner().equals(owner) && deal.closedIn(from, to))
                        .count();
                if (closed > 0) {
                    expectedByOwner.add(owner + ":" + won + "/" + (closed - won));
                }
            }
            assertThat(report(at("/reports/win-rate?groupBy=owner&" + query), token).get("groups"))
                    .extracting(group -> (group.get("key").isNull() ? "" : group.get("key").asText()) + ":"
                            + group.get("won").asLong() + "/" + group.get("lost").asLong())
                    .as(query).containsExactlyElementsOf(expectedByOwner);
            Map<String, Long> closedByPipeline = new TreeMap<>();
            for (Deal deal : deals) {
                if (deal.closedIn(from, to)) {
                    closedByPipeline.merge(deal.first() ? pipeline.pipelineId() : other.pipelineId(), 1L, Long::sum);
                }
            }
            Map<String, Long> answeredByPipeline = new TreeMap<>();
            report(at("/reports/win-rate?groupBy=pipeline&" + query), token).get("groups").forEach(group ->
                    answeredByPipeline.put(group.get("key").asText(), group.get("won").asLong()
                            + group.get("lost").asLong()));
            assertThat(answeredByPipeline).as(query).isEqualTo(closedByPipeline);
            long created = deals.stream().filter(deal -> deal.createdIn(from, to)).count();
            long createdWon = deals.stream().filter(deal -> deal.createdIn(from, to) && deal.won()).count();
            assertThat(report(at("/reports/conversion?" + query), token).get("created").asLong()).as(query)
                    .isEqualTo(created);
            assertThat(report(at("/reports/conversion?" + query), token).get("won").asLong()).as(query)
                    .isEqualTo(createdWon);
            JsonNode funnel = report(at("/reports/funnel?pipelineId=" + pipeline.pipelineId() + "&" + query), token);
            assertThat(funnel.get("stages").get(0).get("reached").asLong()).as(query)
                    .isEqualTo(deals.stream().filter(deal -> deal.first() && deal.createdIn(from, to)).count());
            JsonNode velocity = report(at("/reports/velocity?pipelineId=" + pipeline.pipelineId() + "&" + query),
                    token);
            assertThat(velocity.get("won").asLong() + "/" + velocity.get("lost").asLong()).as(query).isEqualTo(
                    deals.stream().filter(deal -> deal.first() && deal.closedIn(from, to) && deal.won()).count() + "/"
                    + deals.stream().filter(deal -> deal.first() && deal.closedIn(from, to) && !deal.won()).count());
        }
    }

    /** What a deal of the month-boundary test did: in the first pipeline or not, owner ('' for none), won or not. */
    private record Deal(boolean first, String owner, Instant created, boolean won, Instant closed) {

        boolean createdIn(Instant from, Instant to) {
            return !created.isBefore(from) && created.isBefore(to);
        }

        boolean closedIn(Instant from, Instant to) {
            return closed != null && !closed.isBefore(from) && closed.isBefore(to);
        }
    }

    @Test
    void forecastWeightsOpenDealsByTheStageProbability() {
        createdAt("2026-03-01T10:00:00Z", "100.01", "ann");
        createdAt("2026-03-01T10:00:00Z", "0.05", "ann");
        OpportunityCreated closed = createdAt("2026-03-01T10:00:00Z", "1000", "ann");
        won(closed, "2026-03-02T10:00:00Z");

        JsonNode forecast = report(at("/reports/forecast?pipelineId=" + pipeline.pipelineId()), token);

        JsonNode lead = forecast.get("stages").get(0);
        assertThat(lead.get("count").asLong()).isEqualTo(2);
        assertThat(lead.get("openValue").decimalValue()).isEqualByComparingTo("100.06");
        assertThat(lead.get("weightedValue").decimalValue()).isEqualByComparingTo("10.01");
        assertThat(forecast.get("openValue").decimalValue()).isEqualByComparingTo("100.06");
        assertThat(forecast.get("weightedValue").decimalValue()).isEqualByComparingTo("10.01");
        assertThat(forecast.get("stages").get(1).get("openValue").decimalValue()).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/reports/win-rate?from=2026-03-02&to=2026-03-01|from",
            "/reports/win-rate?from=2026-03-01T00:00:00Z&to=2026-03-01|from",
            "/reports/win-rate?from=yesterday|from",
            "/reports/win-rate?to=2026-03-01T10:00:00|to",
            "/reports/win-rate?to=2026-02-30|to",
            "/reports/win-rate?from=+20000-01-01T00:00:00Z|from",
            "/reports/win-rate?groupBy=team|groupBy",
            "/reports/conversion?from=2026-13-01|from",
            "/reports/funnel?from=2026-03-01|pipelineId",
            "/reports/forecast|pipelineId",
            "/reports/stage-durations|pipelineId",
            "/reports/stage-durations?pipelineId=PIPELINE&to=then|to",
            "/reports/velocity?from=2026-03-01&to=2026-03-01|from"})
    void refusesBadParameters(String path, String field) {
        HttpResponse<String> response = get(at(path.replace("PIPELINE", pipeline.pipelineId())));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo(field);
    }

    @ParameterizedTest
    @CsvSource({"win-rate", "conversion", "funnel", "forecast", "stage-durations", "velocity"})
    void answersNotFoundForAPipelineOfAnotherLocationOrNone(String report) {
        PipelineCreated elsewhere = Given.pipeline("other-" + location, "Theirs", "Lead");
        String last = events.append(elsewhere);

        for (String pipelineId : List.of(elsewhere.pipelineId(), "no-such-pipeline")) {
            HttpResponse<String> response = get(at("/reports/" + report + "?pipelineId=" + pipelineId),
                    "Consistency-Token", last);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
            assertThat(json(response).get("type").asText())
                    .isEqualTo("https://dealflow.io/problems/pipeline-not-found");
        }
    }

    @Test
    void describesTheReportsInTheApiDocument() {
        String api = get("/v3/api-docs").body();

        assertThat(api).contains("/api/v1/locations/{locationId}/reports/win-rate",
                "/api/v1/locations/{locationId}/reports/conversion", "/api/v1/locations/{locationId}/reports/funnel",
                "/api/v1/locations/{locationId}/reports/forecast",
                "/api/v1/locations/{locationId}/reports/stage-durations",
                "/api/v1/locations/{locationId}/reports/velocity", "rounded half up to 4 places");
    }

    /** GET with the last token, numbers read as exact decimals, so "1.0000" stays "1.0000". */
    private JsonNode report(String path, String consistencyToken) {
        HttpResponse<String> response = get(path, "Consistency-Token", consistencyToken);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        try {
            return DECIMALS.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Object> winRate(String query) {
        JsonNode group = report(at("/reports/win-rate?" + query), token).get("groups").get(0);
        return List.of(group.get("won").asLong(), group.get("lost").asLong(), group.get("wonValue").toString());
    }

    private String conversion(String query) {
        JsonNode answer = report(at("/reports/conversion?" + query), token);
        return answer.get("created") + "/" + answer.get("won") + "/" + answer.get("conversionRate");
    }

    private OpportunityCreated createdAt(String instant, String value, String owner) {
        return events(Given.opportunity(pipeline, 0, "Deal", value, owner), instant);
    }

    private OpportunityCreated events(OpportunityCreated created, String instant) {
        at(instant, created);
        return created;
    }

    private void won(OpportunityCreated deal, String instant) {
        at(instant, new OpportunityWon(deal.opportunityId(), location));
    }

    private void lost(OpportunityCreated deal, String instant) {
        at(instant, new OpportunityLost(deal.opportunityId(), location, null, "price"));
    }

    private OpportunityStageMoved move(OpportunityCreated deal, int from, int to) {
        return new OpportunityStageMoved(deal.opportunityId(), location, pipeline.pipelineId(), stage(from),
                pipeline.pipelineId(), stage(to));
    }

    private String stage(int index) {
        return pipeline.stages().get(index).id();
    }

    private void at(String instant, Object event) {
        token = events.appendAt(Instant.parse(instant), event);
    }
}
