package io.dealflow.webhooks.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionApiTest extends WebhookApiTest {

    private static final String URL = "http://127.0.0.1:9/hook";

    @Test
    void createsSubscriptionAndShowsSecretOnlyOnce() {
        HttpResponse<String> created = call("POST", at("/webhooks"), "{\"url\":\"" + URL + "\","
                + "\"events\":[\"OpportunityCreate\",\"OpportunityStageUpdate\"],\"pipelineId\":\"p-1\","
                + "\"status\":\"open\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = read(created);
        String id = body.get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(at("/webhooks/" + id));
        assertThat(body.get("secret").asText()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(body.get("url").asText()).isEqualTo(URL);
        assertThat(body.get("events")).hasSize(2);
        assertThat(body.get("pipelineId").asText()).isEqualTo("p-1");
        assertThat(body.get("stageId").isNull()).isTrue();
        assertThat(body.get("status").asText()).isEqualTo("open");

        HttpResponse<String> fetched = call("GET", at("/webhooks/" + id), null);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(read(fetched).has("secret")).isFalse();
        assertThat(read(fetched).get("url").asText()).isEqualTo(URL);

        JsonNode list = read(call("GET", at("/webhooks"), null));
        assertThat(list.get("items")).hasSize(1);
        assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(id);
        assertThat(list.get("items").get(0).has("secret")).isFalse();
    }

    @Test
    void patchChangesNamedFieldsAndClearsFiltersSentAsNull() {
        String id = subscribeWithFilters();

        HttpResponse<String> patched = call("PATCH", at("/webhooks/" + id),
                "{\"events\":[\"OpportunityDelete\"],\"pipelineId\":null}");

        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode body = read(patched);
        assertThat(body.get("events").get(0).asText()).isEqualTo("OpportunityDelete");
        assertThat(body.get("events")).hasSize(1);
        assertThat(body.get("pipelineId").isNull()).isTrue();
        assertThat(body.get("stageId").asText()).isEqualTo("s-1");
        assertThat(body.get("url").asText()).isEqualTo(URL);
        assertThat(read(call("GET", at("/webhooks/" + id), null)).get("pipelineId").isNull()).isTrue();
    }

    @Test
    void deleteRemovesSubscription() {
        String id = subscribeWithFilters();

        assertThat(call("DELETE", at("/webhooks/" + id), null).statusCode()).isEqualTo(204);

        assertThat(call("GET", at("/webhooks/" + id), null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", at("/webhooks/" + id), null).statusCode()).isEqualTo(404);
    }

    @Test
    void rotatingSecretShowsNewSecretAndKeepsOldOneForADay() {
        JsonNode created = subscribe(URL, "OpportunityCreate");
        String id = created.get("id").asText();

        HttpResponse<String> rotated = call("POST", at("/webhooks/" + id + "/rotate-secret"), null);

        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode body = read(rotated);
        assertThat(body.get("secret").asText()).startsWith("whsec_").isNotEqualTo(created.get("secret").asText());
        assertThat(body.get("previousSecretExpiresAt").asText()).isNotEmpty();
        assertThat(read(call("GET", at("/webhooks/" + id), null)).has("secret")).isFalse();
    }

    @Test
    void subscriptionOfAnotherLocationIsNotFound() {
        String id = subscribeWithFilters();
        String other = "/api/v1/locations/someone-else/webhooks/" + id;

        assertThat(call("GET", other, null).statusCode()).isEqualTo(404);
        assertThat(call("PATCH", other, "{\"url\":\"" + URL + "\"}").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", other, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", other + "/rotate-secret", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", other + "/deliveries", null).statusCode()).isEqualTo(404);
        assertThat(call("POST", other + "/replay?from=0", null).statusCode()).isEqualTo(404);
        assertThat(read(call("GET", "/api/v1/locations/someone-else/webhooks", null)).get("items")).isEmpty();
        assertThat(read(call("GET", other, null)).get("type").asText())
                .isEqualTo("https://dealflow.io/problems/not-found");
        assertThat(call("GET", at("/webhooks/" + id), null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTheFiftyFirstSubscriptionOfALocation() {
        for (int i = 0; i < Subscriptions.MAX_PER_LOCATION; i++) {
            subscribe(URL, "OpportunityCreate");
        }

        HttpResponse<String> refused = call("POST", at("/webhooks"),
                "{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"]}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(read(refused).get("type").asText())
                .isEqualTo("https://dealflow.io/problems/too-many-subscriptions");
        assertThat(rowsHere()).isEqualTo(Subscriptions.MAX_PER_LOCATION);
        String other = location + "-other";
        assertThat(call("POST", "/api/v1/locations/" + other + "/webhooks",
                "{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"]}").statusCode())
                .as("the limit is per location").isEqualTo(201);

        String first = read(call("GET", at("/webhooks"), null)).get("items").get(0).get("id").asText();
        assertThat(call("DELETE", at("/webhooks/" + first), null).statusCode()).isEqualTo(204);
        assertThat(call("POST", at("/webhooks"), "{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"]}")
                .statusCode()).as("deleting one makes room").isEqualTo(201);
    }

    @Test
    void refusesBadInputWithProblemDetailsAndSavesNothing() {
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[]{"{\"events\":[\"OpportunityCreate\"]}", "422", "validation", "url"});
        cases.add(new String[]{"{\"url\":\"ftp://example.com/x\",\"events\":[\"OpportunityCreate\"]}", "422",
                "validation", "url"});
        cases.add(new String[]{"{\"url\":\"not a url\",\"events\":[\"OpportunityCreate\"]}", "422", "validation",
                "url"});
        cases.add(new String[]{"{\"url\":\"http:///nohost\",\"events\":[\"OpportunityCreate\"]}", "422",
                "validation", "url"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\"}", "422", "validation", "events"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[]}", "422", "validation", "events"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\",\"ContactCreate\"]}",
                "422", "validation", "events[1]"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"NoteCreate\",\"TaskCompleted\"]}", "422",
                "validation", "events[1]"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"notecreate\"]}", "422", "validation",
                "events[0]"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"],\"status\":\"closed\"}",
                "422", "validation", "status"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"],\"pipelineId\":\""
                + "p".repeat(256) + "\"}", "422", "validation", "pipelineId"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":[\"OpportunityCreate\"],\"colour\":\"red\"}",
                "400", "malformed-request", "colour"});
        cases.add(new String[]{"{\"url\":\"" + URL + "\",\"events\":\"OpportunityCreate\"}", "400",
                "malformed-request", "events"});
        cases.add(new String[]{"{\"url\":", "400", "malformed-request", null});

        for (String[] bad : cases) {
            HttpResponse<String> response = call("POST", at("/webhooks"), bad[0]);
            assertThat(response.statusCode()).as(bad[0]).isEqualTo(Integer.parseInt(bad[1]));
            assertThat(response.headers().firstValue("Content-Type")).as(bad[0])
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = read(response);
            assertThat(problem.get("type").asText()).as(bad[0]).isEqualTo("https://dealflow.io/problems/" + bad[2]);
            if (bad[3] != null) {
                assertThat(problem.get("errors").findValuesAsText("field")).as(bad[0]).contains(bad[3]);
            }
        }
        assertThat(rowsHere()).isZero();
    }

    @Test
    void acceptsNoteAndTaskTypesOnCreateAndPatch() {
        HttpResponse<String> created = call("POST", at("/webhooks"), "{\"url\":\"" + URL + "\","
                + "\"events\":[\"NoteCreate\",\"NoteUpdate\",\"NoteDelete\",\"TaskCreate\",\"TaskUpdate\","
                + "\"TaskComplete\",\"TaskReopen\",\"TaskDelete\"],\"status\":\"open\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = read(created).get("id").asText();
        assertThat(read(created).get("events")).extracting(JsonNode::asText).containsExactly("NoteCreate",
                "NoteUpdate", "NoteDelete", "TaskCreate", "TaskUpdate", "TaskComplete", "TaskReopen", "TaskDelete");

        HttpResponse<String> patched = call("PATCH", at("/webhooks/" + id),
                "{\"events\":[\"OpportunityCreate\",\"TaskComplete\"]}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(read(call("GET", at("/webhooks/" + id), null)).get("events")).extracting(JsonNode::asText)
                .containsExactly("OpportunityCreate", "TaskComplete");
    }

    @Test
    void refusesBadPatchAndKeepsSubscription() {
        String id = subscribeWithFilters();

        assertThat(call("PATCH", at("/webhooks/" + id), "{\"url\":null}").statusCode()).isEqualTo(422);
        assertThat(call("PATCH", at("/webhooks/" + id), "{\"events\":[\"Nope\"]}").statusCode()).isEqualTo(422);
        assertThat(call("PATCH", at("/webhooks/" + id), "{\"events\":[]}").statusCode()).isEqualTo(422);
        assertThat(call("PATCH", at("/webhooks/" + id), "{\"url\":\"gopher://x\"}").statusCode()).isEqualTo(422);
        assertThat(call("PATCH", at("/webhooks/" + id), "{\"status\":\"done\"}").statusCode()).isEqualTo(422);
        assertThat(call("PATCH", at("/webhooks/" + id), "{\"secret\":\"mine\"}").statusCode()).isEqualTo(400);

        JsonNode unchanged = read(call("GET", at("/webhooks/" + id), null));
        assertThat(unchanged.get("url").asText()).isEqualTo(URL);
        assertThat(unchanged.get("events")).hasSize(1);
        assertThat(unchanged.get("pipelineId").asText()).isEqualTo("p-1");
        assertThat(unchanged.get("status").asText()).isEqualTo("won");
    }

    @Test
    void refusesMalformedLocationAndParameters() {
        String id = subscribeWithFilters();

        assertThat(call("GET", "/api/v1/locations/bad%20loc/webhooks", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", at("/webhooks/" + id + "/deliveries?status=lost"), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", at("/webhooks/" + id + "/deliveries?limit=0"), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", at("/webhooks/" + id + "/deliveries?limit=x"), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", at("/webhooks/" + id + "/deliveries?cursor=%25%25"), null).statusCode())
                .isEqualTo(400);
        assertThat(call("POST", at("/webhooks/" + id + "/replay"), null).statusCode()).isEqualTo(400);
        assertThat(call("POST", at("/webhooks/" + id + "/replay?from=yesterday"), null).statusCode())
                .isEqualTo(400);
        assertThat(call("POST", at("/webhooks/" + id + "/deliveries/nope/resend"), null).statusCode())
                .isEqualTo(404);
        assertThat(rowsHere()).isEqualTo(1);
    }

    @Test
    void documentsEndpointsAndPayloadInOpenApi() {
        JsonNode document = read(call("GET", "/v3/api-docs", null));

        assertThat(document.get("paths").has("/api/v1/locations/{locationId}/webhooks")).isTrue();
        assertThat(document.get("paths").has("/api/v1/locations/{locationId}/webhooks/{subscriptionId}/replay"))
                .isTrue();
        assertThat(document.get("components").get("schemas").has("WebhookPayload")).isTrue();
        assertThat(document.get("components").get("schemas").has("WebhookOpportunity")).isTrue();
    }

    private String subscribeWithFilters() {
        HttpResponse<String> created = call("POST", at("/webhooks"), "{\"url\":\"" + URL + "\","
                + "\"events\":[\"OpportunityStatusUpdate\"],\"pipelineId\":\"p-1\",\"stageId\":\"s-1\","
                + "\"status\":\"won\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        return read(created).get("id").asText();
    }
}
