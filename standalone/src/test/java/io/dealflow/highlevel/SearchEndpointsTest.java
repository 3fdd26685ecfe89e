package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /opportunities/search} and {@code POST /opportunities/search} on a small, known set of deals.
 */
class SearchEndpointsTest extends HighLevelApiTest {

    private JsonNode sales;
    private JsonNode renewals;
    private final List<String> ids = new ArrayList<>();

    /** Six deals: five in "sales" (values 100..500, owners ann/bob), one won renewal; "Gamma" is lost. */
    @BeforeEach
    void deals() {
        sales = pipeline("Lead", "Demo");
        renewals = pipeline("Due");
        String[] names = {"Alpha", "Beta", "Gamma", "Delta", "Epsilon"};
        for (int i = 0; i < names.length; i++) {
            ids.add(opportunity(sales, names[i] + " deal", "c-" + i, "\"monetaryValue\": " + (i + 1) * 100
                    + ", \"assignedTo\": \"" + (i % 2 == 0 ? "ann" : "bob") + "\", \"pipelineStageId\": \""
                    + stageId(sales, i % 2) + "\", \"followers\": [\"f-" + i + "\"]").get("id").asText());
        }
        hl("PUT", "/opportunities/" + ids.get(2) + "/status", "{\"status\": \"lost\"}");
        ids.add(opportunity(renewals, "Renewal", "c-9", "\"source\": \"referral\"").get("id").asText());
        hl("PUT", "/opportunities/" + ids.get(5) + "/status", "{\"status\": \"won\"}");
    }

    private List<String> names(JsonNode opportunities) {
        List<String> names = new ArrayList<>();
        opportunities.forEach(opportunity -> names.add(opportunity.get("name").asText()));
        return names;
    }

    private JsonNode get(String query) {
        HttpResponse<String> found = hl("GET", "/opportunities/search?location_id=" + location + query, null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return json(found);
    }

    private JsonNode post(String fields) {
        HttpResponse<String> found = hl("POST", "/opportunities/search", "{\"locationId\": \"" + location + "\""
                + (fields.isEmpty() ? "" : ", " + fields) + "}");
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return json(found);
    }

    @Test
    void filtersByQueryParametersNewestFirst() {
        assertThat(names(get("").get("opportunities"))).containsExactly("Renewal", "Epsilon deal", "Delta deal",
                "Gamma deal", "Beta deal", "Alpha deal");
        assertThat(get("").get("meta").get("total").asLong()).isEqualTo(6);
        assertThat(names(get("&pipeline_id=" + sales.get("id").asText() + "&status=open").get("opportunities")))
                .containsExactly("Epsilon deal", "Delta deal", "Beta deal", "Alpha deal");
        assertThat(names(get("&pipeline_stage_id=" + stageId(sales, 1)).get("opportunities")))
                .containsExactly("Delta deal", "Beta deal");
        assertThat(names(get("&assigned_to=bob&order=added_asc").get("opportunities")))
                .containsExactly("Beta deal", "Delta deal");
        assertThat(names(get("&contact_id=c-3").get("opportunities"))).containsExactly("Delta deal");
        assertThat(names(get("&status=won").get("opportunities"))).containsExactly("Renewal");
        assertThat(names(get("&q=EPSIL").get("opportunities"))).containsExactly("Epsilon deal");
        assertThat(get("&date=01-01-2000&endDate=01-01-2001").get("meta").get("total").asLong()).isZero();
        assertThat(get("&locationId=" + location).get("meta").get("total").asLong()).isEqualTo(6);
        assertThat(json(hl("GET", "/opportunities/search?locationId=" + location + "&status=all", null))
                .get("opportunities")).hasSize(6);
    }

    @Test
    void pagesByPageAndByStartAfterThroughNextPageUrl() {
        JsonNode first = get("&limit=4");
        JsonNode meta = first.get("meta");
        assertThat(meta.get("total").asLong()).isEqualTo(6);
        assertThat(meta.get("currentPage").asInt()).isEqualTo(1);
        assertThat(meta.get("nextPage").asInt()).isEqualTo(2);
        assertThat(meta.get("prevPage").isNull()).isTrue();
        assertThat(meta.get("startAfterId").asText()).isEqualTo(first.get("opportunities").get(3).get("id").asText());
        assertThat(meta.get("startAfter").asLong()).isPositive();

        URI next = URI.create(meta.get("nextPageUrl").asText());
        JsonNode second = json(hl("GET", next.getRawPath() + "?" + next.getRawQuery(), null));
        assertThat(names(second.get("opportunities"))).containsExactly("Beta deal", "Alpha deal");
        assertThat(second.get("meta").get("nextPageUrl").isNull()).isTrue();
        assertThat(second.get("meta").get("currentPage").asInt()).isEqualTo(2);

        assertThat(names(get("&limit=4&page=2").get("opportunities"))).containsExactly("Beta deal", "Alpha deal");
    }

    @Test
    void refusesBadQueryParameters() {
        assertThat(assertInvalid(hl("GET", "/opportunities/search", null)))
                .containsExactly("location_id should not be empty");
        assertThat(assertInvalid(hl("GET", "/opportunities/search?location_id=" + location
                + "&limit=101&status=closed&date=2026-01-01&page=0", null))).containsExactlyInAnyOrder(
                "limit must be between 1 and 100", "status must be one of the following values: open, won, lost,"
                        + " abandoned, all", "date must be a date as mm-dd-yyyy", "page must not be less than 1");
    }

    @Test
    void filtersByNestedGroupsWithEveryOperator() {
        String salesId = sales.get("id").asText();
        assertThat(names(post("\"filters\": [{\"field\": \"pipeline_id\", \"operator\": \"eq\", \"value\": \""
                + salesId + "\"}, {\"group\": \"OR\", \"filters\": [{\"field\": \"monetary_value\", \"operator\":"
                + " \"range\", \"value\": {\"gte\": 400}}, {\"field\": \"status\", \"operator\": \"eq\", \"value\":"
                + " \"lost\"}]}], \"sort\": [{\"field\": \"monetary_value\", \"direction\": \"asc\"}]")
                .get("opportunities"))).containsExactly("Gamma deal", "Delta deal", "Epsilon deal");
        assertThat(names(post("\"filters\": [{\"field\": \"name\", \"operator\": \"contains\", \"value\": \"ta\"}],"
                + " \"sort\": [{\"field\": \"name\", \"direction\": \"asc\"}]").get("opportunities")))
                .containsExactly("Beta deal", "Delta deal");
        assertThat(names(post("\"filters\": [{\"field\": \"source\", \"operator\": \"exists\"}]")
                .get("opportunities"))).containsExactly("Renewal");
        assertThat(post("\"filters\": [{\"field\": \"source\", \"operator\": \"not_exists\"}]").get("total").asLong())
                .isEqualTo(5);
        assertThat(names(post("\"filters\": [{\"field\": \"followers\", \"operator\": \"eq\", \"value\": \"f-1\"}]")
                .get("opportunities"))).containsExactly("Beta deal");
        assertThat(post("\"filters\": [{\"field\": \"assigned_to\", \"operator\": \"not_eq\", \"value\": \"ann\"}]")
                .get("total").asLong()).isEqualTo(3);
        assertThat(post("\"filters\": [{\"field\": \"name\", \"operator\": \"not_contains\", \"value\": \"deal\"}]")
                .get("total").asLong()).isEqualTo(1);
        assertThat(post("\"filters\": [{\"field\": \"date_added\", \"operator\": \"range\", \"value\": {\"lt\":"
                + " \"2000-01-01\"}}]").get("total").asLong()).isZero();
        assertThat(post("\"filters\": [{\"field\": \"id\", \"operator\": \"eq\", \"value\": [\"" + ids.get(0)
                + "\", \"" + ids.get(1) + "\"]}]").get("total").asLong()).isEqualTo(2);
        assertThat(names(post("\"query\": \"renew\"").get("opportunities"))).containsExactly("Renewal");
    }

    @Test
    void pagesWithSearchAfterThroughEveryHitOnce() {
        List<String> seen = new ArrayList<>();
        String after = "";
        for (int page = 0; page < 4; page++) {
            JsonNode found = post("\"limit\": 4, \"sort\": [{\"field\": \"monetary_value\", \"direction\": \"desc\"}]"
                    + after);
            assertThat(found.get("total").asLong()).isEqualTo(6);
            found.get("opportunities").forEach(opportunity -> seen.add(opportunity.get("id").asText()));
            if (found.get("opportunities").isEmpty()) {
                break;
            }
            after = ", \"searchAfter\": " + found.get("searchAfter");
        }
        assertThat(seen).hasSize(6).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(names(post("\"limit\": 2, \"page\": 2, \"sort\": [{\"field\": \"monetary_value\","
                + " \"direction\": \"asc\"}]").get("opportunities"))).containsExactly("Beta deal", "Gamma deal");
    }

    @Test
    void refusesBadFiltersListingEveryProblem() {
        List<String> messages = assertInvalid(hl("POST", "/opportunities/search", "{\"locationId\": \"" + location
                + "\", \"limit\": 501, \"filters\": [{\"field\": \"colour\", \"operator\": \"eq\", \"value\": 1},"
                + " {\"field\": \"status\", \"operator\": \"like\", \"value\": \"x\"}, {\"group\": \"XOR\","
                + " \"filters\": []}, {\"field\": \"monetary_value\", \"operator\": \"range\", \"value\": {\"gte\":"
                + " \"many\"}}], \"sort\": [{\"field\": \"contact_id\"}]}"));
        assertThat(messages).hasSize(6);
        assertThat(String.join("\n", messages)).contains("limit", "filters.0.field", "filters.1.operator",
                "filters.2.group", "filters.3.value.gte", "sort.0.field");
        assertInvalid(hl("POST", "/opportunities/search", "{\"filters\": []}"));
        assertError(hl("POST", "/opportunities/search", "{\"locationId\": "), 400);
    }
}
