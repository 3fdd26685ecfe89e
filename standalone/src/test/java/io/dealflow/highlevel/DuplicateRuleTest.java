package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The location setting {@code allowDuplicateOpportunity} through the HighLevel door: by default a contact has one open
 * deal per pipeline; the native admin endpoint allows duplicates; the native door allows them until the location
 * sets the rule explicitly.
 */
class DuplicateRuleTest extends HighLevelApiTest {

    private HttpResponse<String> create(JsonNode pipeline, String contactId) {
        return hl("POST", "/opportunities/", "{\"pipelineId\": \"" + pipeline.get("id").asText() + "\","
                + " \"locationId\": \"" + location + "\", \"name\": \"Deal\", \"status\": \"open\","
                + " \"contactId\": \"" + contactId + "\"}");
    }

    @Test
    void refusesASecondOpenDealOfTheContactNamingTheFirstUntilDuplicatesAreAllowed() {
        JsonNode pipeline = pipeline("Lead");
        String first = json(create(pipeline, "c-1")).get("opportunity").get("id").asText();
        long events = eventCount();

        JsonNode refused = assertError(create(pipeline, "c-1"), 422);

        assertThat(refused.get("message").get(0).asText()).contains(first);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(create(pipeline("Other"), "c-1").statusCode()).isEqualTo(201);

        HttpResponse<String> allowed = call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": true}");
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(create(pipeline, "c-1").statusCode()).isEqualTo(201);
    }

    @Test
    void theNativeDoorFollowsTheRuleOnlyOnceTheLocationSetsIt() {
        JsonNode pipeline = pipeline("Lead");
        String nativeCreate = "{\"name\": \"Deal\", \"pipelineId\": \"" + pipeline.get("id").asText()
                + "\", \"contact\": {\"id\": \"c-1\"}}";
        assertThat(call("POST", at("/opportunities"), nativeCreate).statusCode()).isEqualTo(201);
        assertThat(call("POST", at("/opportunities"), nativeCreate).statusCode()).isEqualTo(201);
        assertError(create(pipeline, "c-1"), 422);

        call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\": false}");
        HttpResponse<String> refused = call("POST", at("/opportunities"), nativeCreate);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(json(refused).get("type").asText()).endsWith("/duplicate-opportunity");
    }
}
