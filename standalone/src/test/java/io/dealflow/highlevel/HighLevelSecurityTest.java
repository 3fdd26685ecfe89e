package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The door's paths need the same API keys as the native API, scoped to the location a request names (parameter,
 * body, or the deal or pipeline it names by id): 401 without a valid key, 403 for another location or a missing
 * scope, all in HighLevel's error shape and changing nothing.
 */
class HighLevelSecurityTest extends HighLevelApiTest {

    @Test
    void answers401InHighLevelsShapeWithoutAValidKey() {
        for (String key : new String[]{null, "dfk_not_a_real_key"}) {
            JsonNode refused = assertError(hlWithKey(key, "GET", "/opportunities/search?location_id=" + location,
                    null), 401);
            assertThat(refused.get("error").asText()).isEqualTo("Unauthorized");
            assertError(hlWithKey(key, "POST", "/opportunities/", "{}"), 401);
            assertError(hlWithKey(key, "GET", "/opportunities/pipelines?locationId=" + location, null), 401);
        }
    }

    @Test
    void answers403ForALocationTheKeyLacksWhereverTheLocationIsNamed() {
        JsonNode pipeline = pipeline("Lead");
        String deal = opportunity(pipeline, "Deal", "c-1", null).get("id").asText();
        String otherKey = key(List.of("somewhere-else"), "opportunities.write", "pipelines.write");
        long events = eventCount();

        JsonNode refused = assertError(hlWithKey(otherKey, "POST", "/opportunities/", "{\"pipelineId\": \""
                + pipeline.get("id").asText() + "\", \"locationId\": \"" + location + "\", \"name\": \"X\","
                + " \"status\": \"open\", \"contactId\": \"c-2\"}"), 403);
        assertThat(refused.get("message").asText()).isEqualTo("The token does not have access to this location.");
        assertError(hlWithKey(otherKey, "GET", "/opportunities/search?location_id=" + location, null), 403);
        assertError(hlWithKey(otherKey, "POST", "/opportunities/search", "{\"locationId\": \"" + location + "\"}"),
                403);
        assertError(hlWithKey(otherKey, "GET", "/opportunities/" + deal, null), 403);
        assertError(hlWithKey(otherKey, "PUT", "/opportunities/" + deal, "{\"name\": \"Mine\"}"), 403);
        assertError(hlWithKey(otherKey, "PUT", "/opportunities/" + deal + "/status", "{\"status\": \"won\"}"), 403);
        assertError(hlWithKey(otherKey, "DELETE", "/opportunities/" + deal, null), 403);
        assertError(hlWithKey(otherKey, "POST", "/opportunities/" + deal + "/followers",
                "{\"followers\": [\"u\"]}"), 403);
        assertError(hlWithKey(otherKey, "POST", "/opportunities/upsert", "{\"pipelineId\": \""
                + pipeline.get("id").asText() + "\", \"locationId\": \"" + location + "\"}"), 403);
        assertError(hlWithKey(otherKey, "GET", "/opportunities/pipelines?locationId=" + location, null), 403);
        assertError(hlWithKey(otherKey, "GET", "/opportunities/pipelines/" + pipeline.get("id").asText(), null), 403);
        assertError(hlWithKey(otherKey, "DELETE", "/opportunities/pipelines/" + pipeline.get("id").asText(), null),
                403);
        assertError(hlWithKey(otherKey, "GET", "/opportunities/lost-reason?locationId=" + location, null), 403);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void answers403ForAMissingScopeAndServesAKeyOfTheRightLocation() {
        JsonNode pipeline = pipeline("Lead");
        String reader = key(List.of(location), "opportunities.readonly");
        String writer = key(List.of(location), "opportunities.write");
        String create = "{\"pipelineId\": \"" + pipeline.get("id").asText() + "\", \"locationId\": \"" + location
                + "\", \"name\": \"X\", \"status\": \"open\", \"contactId\": \"c-2\"}";

        assertError(hlWithKey(reader, "POST", "/opportunities/", create), 403);
        assertThat(hlWithKey(reader, "POST", "/opportunities/search", "{\"locationId\": \"" + location + "\"}")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> created = hlWithKey(writer, "POST", "/opportunities/", create);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertError(hlWithKey(writer, "POST", "/opportunities/pipelines", "{\"name\": \"P\", \"locationId\": \""
                + location + "\", \"stages\": [{\"name\": \"A\"}]}"), 403);
        String deal = json(created).get("opportunity").get("id").asText();
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actorName' FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ?""", String.class, deal)).isEqualTo("test key");
    }
}
