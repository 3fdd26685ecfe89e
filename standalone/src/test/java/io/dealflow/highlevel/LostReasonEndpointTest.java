package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /opportunities/lost-reason}: the location's lost reasons (created through the native API), by name.
 */
class LostReasonEndpointTest extends HighLevelApiTest {

    @Test
    void listsFiltersAndPagesTheLocationsLostReasons() {
        String token = "0";
        for (String name : new String[]{"Too expensive", "No budget", "Chose a competitor"}) {
            HttpResponse<String> created = call("POST", at("/lost-reasons"), "{\"name\": \"" + name + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            token = json(created).get("consistencyToken").asText();
        }
        call("POST", "/api/v1/locations/elsewhere/lost-reasons", "{\"name\": \"Elsewhere\"}");

        HttpResponse<String> listed = call("GET", "/opportunities/lost-reason?locationId=" + location, null,
                "Consistency-Token", token);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        JsonNode body = json(listed);
        assertThat(body.get("total").asLong()).isEqualTo(3);
        assertThat(body.get("lostReasons").get(0).get("name").asText()).isEqualTo("Chose a competitor");
        assertThat(body.get("lostReasons").get(0).get("locationId").asText()).isEqualTo(location);
        assertThat(body.get("lostReasons").get(0).get("createdAt").asText()).endsWith("Z");

        JsonNode filtered = json(hl("GET", "/opportunities/lost-reason?locationId=" + location + "&query=BUDGET",
                null));
        assertThat(filtered.get("total").asLong()).isEqualTo(1);
        JsonNode paged = json(hl("GET", "/opportunities/lost-reason?locationId=" + location + "&skip=1&limit=1",
                null));
        assertThat(paged.get("lostReasons")).hasSize(1);
        assertThat(paged.get("lostReasons").get(0).get("name").asText()).isEqualTo("No budget");
        assertThat(paged.get("total").asLong()).isEqualTo(3);
    }

    @Test
    void leavesArchivedReasonsOutAndShowsRenames() {
        String kept = json(call("POST", at("/lost-reasons"), "{\"name\": \"Budget\"}")).get("id").asText();
        String archived = json(call("POST", at("/lost-reasons"), "{\"name\": \"Timing\"}")).get("id").asText();
        call("PATCH", at("/lost-reasons/" + kept), "{\"name\": \"No budget\"}");
        String token = json(call("DELETE", at("/lost-reasons/" + archived), null)).get("consistencyToken").asText();

        HttpResponse<String> listed = call("GET", "/opportunities/lost-reason?locationId=" + location, null,
                "Consistency-Token", token);
        JsonNode body = json(listed);
        assertThat(body.get("total").asLong()).isEqualTo(1);
        assertThat(body.get("lostReasons").get(0).get("name").asText()).isEqualTo("No budget");
    }

    @Test
    void refusesAMissingLocationOrBadPaging() {
        assertThat(assertInvalid(hl("GET", "/opportunities/lost-reason", null)))
                .containsExactly("locationId should not be empty");
        assertThat(assertInvalid(hl("GET", "/opportunities/lost-reason?locationId=" + location + "&limit=0&skip=-1",
                null))).containsExactlyInAnyOrder("skip must not be less than 0", "limit must be between 1 and 1000");
        assertThat(assertInvalid(hl("GET", "/opportunities/lost-reason?locationId=" + location + "&limit=many",
                null))).containsExactly("limit has the wrong type");
    }
}
