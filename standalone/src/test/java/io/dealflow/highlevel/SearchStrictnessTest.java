package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HighLevel search reads ranges, {@code searchAfter}, dates and paging strictly (issue 16): unbounded numbers,
 * instants outside the years 0001 to 9999 and forged sort values answer 422 in HighLevel's shape naming the field,
 * never a 500 or a silent match.
 */
class SearchStrictnessTest extends HighLevelApiTest {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";

    /** Three deals worth 240, 500 and 760. */
    @BeforeEach
    void deals() {
        JsonNode sales = pipeline("Lead");
        for (int value : new int[]{240, 500, 760}) {
            opportunity(sales, "Deal " + value, "c-" + value, "\"monetaryValue\": " + value);
        }
    }

    private HttpResponseAndBody post(String fields) {
        var response = hl("POST", "/opportunities/search", "{\"locationId\": \"" + location + "\", " + fields + "}");
        return new HttpResponseAndBody(response.statusCode(), response);
    }

    private record HttpResponseAndBody(int status, java.net.http.HttpResponse<String> response) {
    }

    private static String range(String field, String bound) {
        return "\"filters\": [{\"field\": \"" + field + "\", \"operator\": \"range\", \"value\": {\"gte\": " + bound
                + "}}]";
    }

    private List<String> names(String fields) {
        var found = post(fields);
        assertThat(found.status()).as(found.response().body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(found.response()).get("opportunities").forEach(hit -> names.add(hit.get("name").asText()));
        return names;
    }

    @Test
    void refusesUnboundedNumbersInRanges() {
        for (String bound : List.of("\"1e999999999\"", "1e999999999", "\"NaN\"", "\"Infinity\"", "\"1e-999999999\"",
                "\"100000000000000000\"", "true", "{}")) {
            assertThat(assertInvalid(post(range("monetary_value", bound)).response()))
                    .as(bound).anySatisfy(message -> assertThat(message).startsWith("filters.0.value.gte"));
        }
        assertThat(names(range("monetary_value", "\"2.4e2\"") + ", \"sort\": [{\"field\": \"monetary_value\","
                + " \"direction\": \"asc\"}]")).containsExactly("Deal 240", "Deal 500", "Deal 760");
        assertThat(names(range("monetary_value", "500.5"))).containsExactly("Deal 760");
    }

    @Test
    void refusesInstantsOutsideTheRangeInRanges() {
        for (String bound : List.of("\"" + FAR_FUTURE + "\"", "\"-0001-01-01\"", "999999999999999",
                "\"999999999999999\"", "-99999999999999")) {
            assertThat(assertInvalid(post(range("date_added", bound)).response()))
                    .as(bound).anySatisfy(message -> assertThat(message).startsWith("filters.0.value.gte"));
        }
        assertThat(names(range("date_added", "\"2000-01-01\""))).hasSize(3);
        assertThat(names(range("date_added", "946684800000"))).hasSize(3);
    }

    @Test
    void refusesForgedSearchAfterValuesAndFollowsIssuedOnes() {
        String byValue = "\"sort\": [{\"field\": \"monetary_value\", \"direction\": \"asc\"}], \"limit\": 1";
        JsonNode first = json(post(byValue).response());
        JsonNode searchAfter = first.get("searchAfter");
        assertThat(names(byValue + ", \"searchAfter\": " + searchAfter)).containsExactly("Deal 500");
        for (String forged : List.of("[\"1e999999999\", \"x\"]", "[\"NaN\", \"x\"]", "[1e999999999, \"x\"]",
                "[\"240\", \"x\\u0000\"]", "[\"240\", \"\\ud800\"]")) {
            assertThat(assertInvalid(post(byValue + ", \"searchAfter\": " + forged).response()))
                    .as(forged).anySatisfy(message -> assertThat(message).startsWith("searchAfter"));
        }
        String byDate = "\"limit\": 1";
        for (String forged : List.of("[\"" + FAR_FUTURE + "\", \"x\"]", "[999999999999999, \"x\"]",
                "[\"yesterday\", \"x\"]")) {
            assertThat(assertInvalid(post(byDate + ", \"searchAfter\": " + forged).response()))
                    .as(forged).anySatisfy(message -> assertThat(message).startsWith("searchAfter"));
        }
    }

    @Test
    void refusesOverflowingLimitsPagesAndDates() {
        assertThat(assertInvalid(post("\"limit\": 4294967297").response())).anySatisfy(
                message -> assertThat(message).startsWith("limit"));
        assertThat(assertInvalid(post("\"page\": 99999999999").response())).anySatisfy(
                message -> assertThat(message).startsWith("page"));
        assertThat(assertInvalid(post("\"limit\": 1e999999999").response())).anySatisfy(
                message -> assertThat(message).startsWith("limit"));
        String search = "/opportunities/search?location_id=" + location;
        assertThat(assertInvalid(hl("GET", search + "&page=2147483647", null))).anySatisfy(
                message -> assertThat(message).startsWith("page"));
        assertThat(assertInvalid(hl("GET", search + "&endDate=12-31-999999999", null))).anySatisfy(
                message -> assertThat(message).startsWith("endDate"));
        assertThat(assertInvalid(hl("GET", search + "&startAfter=999999999999999", null))).anySatisfy(
                message -> assertThat(message).startsWith("startAfter"));
        assertThat(hl("GET", search + "&date=01-01-2000&endDate=12-31-9999&page=2&limit=2", null).statusCode())
                .isEqualTo(200);
    }
}
