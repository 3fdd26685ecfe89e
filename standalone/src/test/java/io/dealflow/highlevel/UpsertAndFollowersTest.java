package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /opportunities/upsert} and {@code POST}/{@code DELETE /opportunities/{id}/followers}.
 */
class UpsertAndFollowersTest extends HighLevelApiTest {

    private HttpResponse<String> upsert(JsonNode pipeline, String fields) {
        return hl("POST", "/opportunities/upsert", "{\"pipelineId\": \"" + pipeline.get("id").asText()
                + "\", \"locationId\": \"" + location + "\"" + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    @Test
    void createsTheContactsDealThenUpdatesTheOpenOneThenCreatesAgainOnceItIsClosed() {
        JsonNode pipeline = pipeline("Lead", "Demo");

        HttpResponse<String> first = upsert(pipeline, "\"contactId\": \"c-1\", \"name\": \"Deal\","
                + " \"monetaryValue\": 100, \"followers\": [\"u-1\"]");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(json(first).get("new").asBoolean()).isTrue();
        String id = json(first).get("opportunity").get("id").asText();
        assertThat(texts(json(first).get("opportunity").get("followers"))).containsExactly("u-1");

        HttpResponse<String> second = upsert(pipeline, "\"contactId\": \"c-1\", \"monetaryValue\": 250,"
                + " \"pipelineStageId\": \"" + stageId(pipeline, 1) + "\", \"followers\": [\"u-2\"]");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        assertThat(json(second).get("new").asBoolean()).isFalse();
        JsonNode updated = json(second).get("opportunity");
        assertThat(updated.get("id").asText()).isEqualTo(id);
        assertThat(updated.get("monetaryValue").asInt()).isEqualTo(250);
        assertThat(updated.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 1));
        assertThat(texts(updated.get("followers"))).containsExactly("u-1", "u-2");

        assertThat(upsert(pipeline, "\"id\": \"" + id + "\", \"status\": \"lost\"").statusCode()).isEqualTo(200);
        HttpResponse<String> third = upsert(pipeline, "\"contactId\": \"c-1\", \"name\": \"Next deal\"");
        assertThat(json(third).get("new").asBoolean()).isTrue();
        assertThat(json(third).get("opportunity").get("id").asText()).isNotEqualTo(id);
    }

    @Test
    void updatesByIdAndManagesFollowersAsAskedFor() {
        JsonNode pipeline = pipeline("Lead");
        String id = opportunity(pipeline, "Deal", "c-1", "\"followers\": [\"u-1\", \"u-2\"]").get("id").asText();

        JsonNode removed = json(upsert(pipeline, "\"id\": \"" + id + "\", \"followers\": [\"u-1\"],"
                + " \"followersActionType\": \"remove\"")).get("opportunity");
        assertThat(texts(removed.get("followers"))).containsExactly("u-2");

        JsonNode replaced = json(upsert(pipeline, "\"id\": \"" + id + "\", \"isRemoveAllFollowers\": true,"
                + " \"followers\": [\"u-7\"]")).get("opportunity");
        assertThat(texts(replaced.get("followers"))).containsExactly("u-7");
    }

    @Test
    void refusesAnUpsertThatCannotCreateOrNamesAnUnknownDeal() {
        JsonNode pipeline = pipeline("Lead");
        long events = eventCount();

        assertThat(assertInvalid(upsert(pipeline, "\"contactId\": \"c-1\"")))
                .containsExactly("name should not be empty");
        assertThat(assertInvalid(hl("POST", "/opportunities/upsert", "{\"name\": \"X\"}")))
                .contains("pipelineId should not be empty", "locationId should not be empty");
        assertInvalid(upsert(pipeline, "\"contactId\": \"c-1\", \"name\": \"X\", \"followersActionType\": \"swap\""));
        assertError(upsert(pipeline, "\"id\": \"no-such-deal\", \"name\": \"X\""), 404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void addsAndRemovesFollowersAnsweringWhatChanged() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", "\"followers\": [\"u-1\"]").get("id").asText();

        HttpResponse<String> added = hl("POST", "/opportunities/" + id + "/followers",
                "{\"followers\": [\"u-1\", \"u-2\", \"u-3\"]}");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(texts(json(added).get("followers"))).containsExactly("u-1", "u-2", "u-3");
        assertThat(texts(json(added).get("followersAdded"))).containsExactly("u-2", "u-3");

        HttpResponse<String> removed = hl("DELETE", "/opportunities/" + id + "/followers",
                "{\"followers\": [\"u-2\", \"u-9\"]}");
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(texts(json(removed).get("followers"))).containsExactly("u-1", "u-3");
        assertThat(texts(json(removed).get("followersRemoved"))).containsExactly("u-2");

        HttpResponse<String> all = hl("DELETE", "/opportunities/" + id + "/followers?isRemoveAllFollowers=true",
                "{\"followers\": []}");
        assertThat(texts(json(all).get("followers"))).isEmpty();
        assertThat(texts(json(all).get("followersRemoved"))).containsExactly("u-1", "u-3");
        assertThat(history(id)).allSatisfy(event -> assertThat(event).endsWith(" highlevel"));
    }

    @Test
    void refusesFollowerChangesWithoutFollowersOrOfUnknownDeals() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", null).get("id").asText();
        long events = eventCount();

        assertInvalid(hl("POST", "/opportunities/" + id + "/followers", "{\"followers\": []}"));
        assertInvalid(hl("POST", "/opportunities/" + id + "/followers", "{\"followers\": [\" \"]}"));
        assertInvalid(hl("DELETE", "/opportunities/" + id + "/followers", "{}"));
        assertError(hl("POST", "/opportunities/no-such-deal/followers", "{\"followers\": [\"u-1\"]}"), 404);
        assertThat(eventCount()).isEqualTo(events);
    }
}
