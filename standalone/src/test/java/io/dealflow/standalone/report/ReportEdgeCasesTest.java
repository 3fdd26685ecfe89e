package io.dealflow.standalone.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge cases of the reports through the real command API: nothing to count, no closed deal, one deal at the exact
 * bounds of [from, to), and a bad parameter.
 */
class ReportEdgeCasesTest extends ReportScenarioTest {

    @BeforeEach
    void pipeline() {
        sales = createPipeline("Sales", "Lead", 10, "Won it", 90);
        partners = sales;
    }

    @Test
    void emptyLocationAnswersZerosAndNulls() {
        JsonNode group = report("/reports/win-rate").get("groups").get(0);
        assertThat(text(group.get("key")) + "|" + group.get("won") + "|" + group.get("lost") + "|"
                + text(group.get("wonValue")) + "|" + text(group.get("winRate"))).isEqualTo("null|0|0|0.00|null");
        JsonNode conversion = report("/reports/conversion");
        assertThat(conversion.get("created").asLong()).isZero();
        assertThat(conversion.get("conversionRate").isNull()).isTrue();
        JsonNode funnel = report("/reports/funnel?pipelineId=" + sales.id);
        assertThat(funnel.get("stages").get(0).get("reached").asLong()).isZero();
        assertThat(funnel.get("stages").get(0).get("conversionToNext").isNull()).isTrue();
        JsonNode forecast = report("/reports/forecast?pipelineId=" + sales.id);
        assertThat(text(forecast.get("openValue")) + "|" + text(forecast.get("weightedValue")))
                .isEqualTo("0.00|0.00");
        JsonNode durations = report("/reports/stage-durations?pipelineId=" + sales.id).get("stages").get(0);
        assertThat(durations.get("samples").asLong()).isZero();
        assertThat(durations.get("p90Seconds").isNull()).isTrue();
        JsonNode velocity = report("/reports/velocity");
        assertThat(velocity.get("openCount") + "|" + text(velocity.get("avgWonValue")) + "|"
                + text(velocity.get("winRate")) + "|" + text(velocity.get("velocityPerDay")))
                .isEqualTo("0|null|null|null");
    }

    @Test
    void openDealsAloneGiveNoWinRate() {
        create(sales, sales.stages.get(0), "ann", "web", new BigDecimal("10.00"), "USD");

        assertThat(report("/reports/win-rate").get("groups").get(0).get("winRate").isNull()).isTrue();
        JsonNode velocity = report("/reports/velocity");
        assertThat(velocity.get("openCount").asLong()).isEqualTo(1);
        assertThat(velocity.get("winRate").isNull()).isTrue();
        assertThat(velocity.get("velocityPerDay").isNull()).isTrue();
        assertThat(report("/reports/conversion").get("conversionRate").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void oneDealCountsExactlyFromItsCloseAndUntilJustBeforeIt() {
        Deal deal = create(sales, sales.stages.get(0), "ann", "web", new BigDecimal("99.99"), "USD");
        move(deal, sales.id, sales.stages.get(1));
        close(deal, "won");
        Deal open = create(sales, sales.stages.get(0), "bob", null, new BigDecimal("10.00"), "USD");

        Instant closed = deal.closedAt;
        assertThat(winRate("&from=" + closed)).isEqualTo("1|0|99.99|1.0000");
        assertThat(winRate("&to=" + closed)).isEqualTo("0|0|0.00|null");
        assertThat(winRate("&from=" + closed.minusMillis(1) + "&to=" + closed.plusMillis(1)))
                .isEqualTo("1|0|99.99|1.0000");
        assertThat(report("/reports/conversion?from=" + deal.createdAt + "&to=" + open.createdAt).get("created")
                .asLong()).isEqualTo(1);
        assertThat(report("/reports/conversion?from=" + deal.createdAt + "&to=" + open.createdAt.plusMillis(1))
                .get("created").asLong()).isEqualTo(2);

        JsonNode velocity = report("/reports/velocity?from=" + closed);
        long cycle = Duration.between(deal.createdAt, closed).toMillis();
        assertThat(velocity.get("avgCycleDays").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(cycle)
                .divide(BigDecimal.valueOf(86_400_000L), 4, RoundingMode.HALF_UP));
        assertThat(velocity.get("openCount").asLong()).isEqualTo(1);
        JsonNode funnel = report("/reports/funnel?pipelineId=" + sales.id).get("stages");
        assertThat(funnel.get(0).get("reached").asLong()).isEqualTo(2);
        assertThat(funnel.get(1).get("reached").asLong()).isEqualTo(1);
        assertThat(funnel.get(0).get("conversionToNext").decimalValue()).isEqualByComparingTo("0.5");
        JsonNode lead = report("/reports/stage-durations?pipelineId=" + sales.id).get("stages").get(0);
        assertThat(lead.get("samples").asLong()).isEqualTo(1);
        BigDecimal leadMillis = BigDecimal.valueOf(deal.visits.get(0).left.toEpochMilli()
                - deal.visits.get(0).entered.toEpochMilli());
        assertThat(lead.get("avgSeconds").decimalValue()).isEqualByComparingTo(seconds(leadMillis));
        assertNearPercentile(lead.get("medianSeconds"), leadMillis, "median of the one Lead visit");
        assertNearPercentile(lead.get("p90Seconds"), leadMillis, "p90 of the one Lead visit");
    }

    @Test
    void refusesAnEmptyRangeAsBadParameter() {
        HttpResponse<String> response = call("GET", at("/reports/win-rate?from=2026-03-01&to=2026-03-01"), null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("https://dealflow.io/problems/bad-parameter", "\"field\":\"from\"");
    }

    private String winRate(String range) {
        JsonNode group = report("/reports/win-rate?pipelineId=" + sales.id + range).get("groups").get(0);
        return group.get("won") + "|" + group.get("lost") + "|" + text(group.get("wonValue")) + "|"
                + text(group.get("winRate"));
    }
}
