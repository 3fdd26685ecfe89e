package io.dealflow.command.lostreason;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LostReasonApiTest extends CommandApiTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void createsLostReasonAndAnswers201() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": \" Too expensive \"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = body(response);
        String id = body.get("id").asText();
        assertThat(body.get("version").asLong()).isEqualTo(1);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(at("/lost-reasons/" + id)));
        assertThat(response.headers().firstValue("Consistency-Token"))
                .hasValue(body.get("consistencyToken").asText());
        assertThat(eventCount()).isEqualTo(before + 1);
        assertThat(jdbc.queryForObject("SELECT name FROM command_model.lost_reason_lookup WHERE lost_reason_id = ?",
                String.class, id)).isEqualTo("Too expensive");
    }

    @Test
    void rejectsNameOfAnotherLostReasonOfTheLocationIgnoringCase() {
        assertThat(call("POST", at("/lost-reasons"), "{\"name\": \"Too expensive\"}").statusCode()).isEqualTo(201);
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": \"TOO EXPENSIVE\"}");

        assertRefused(response, 422, "duplicate-lost-reason-name");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void acceptsNameUsedInAnotherLocation() {
        assertThat(call("POST", "/api/v1/locations/elsewhere-lr/lost-reasons", "{\"name\": \"No budget\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": \"No budget\"}");

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void rejectsMissingName() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{}");

        assertRefused(response, 422, "validation");
        assertThat(body(response).get("errors").findValuesAsText("field")).containsExactly("name");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rejectsBlankName() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": \"   \"}");

        assertRefused(response, 422, "validation");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rejectsNameOver255Characters() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"),
                "{\"name\": \"" + "x".repeat(256) + "\"}");

        assertRefused(response, 422, "validation");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rejectsMalformedJson() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": \"x\"");

        assertRefused(response, 400, "malformed-request");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rejectsNameOfWrongType() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", at("/lost-reasons"), "{\"name\": [\"x\"]}");

        assertRefused(response, 400, "malformed-request");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void rejectsMalformedLocationId() {
        long before = eventCount();

        HttpResponse<String> response = call("POST", "/api/v1/locations/a.b/lost-reasons", "{\"name\": \"No budget\"}");

        assertRefused(response, 400, "bad-request");
        assertThat(eventCount()).isEqualTo(before);
    }

    private String create(String name) {
        HttpResponse<String> created = call("POST", at("/lost-reasons"), "{\"name\": \"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created).get("id").asText();
    }

    @Test
    void renamesAndArchivesALostReason() {
        String id = create("Budget");

        HttpResponse<String> renamed = call("PATCH", at("/lost-reasons/" + id), "{\"name\": \"No budget\"}");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(body(renamed).get("version").asLong()).isEqualTo(2);
        HttpResponse<String> archived = call("DELETE", at("/lost-reasons/" + id), null);
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
        assertThat(body(archived).get("version").asLong()).isEqualTo(3);
        assertThat(body(call("DELETE", at("/lost-reasons/" + id), null)).get("version").asLong()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT name || ':' || archived FROM command_model.lost_reason_lookup"
                + " WHERE lost_reason_id = ?", String.class, id)).isEqualTo("No budget:true");
        assertThat(call("POST", at("/lost-reasons"), "{\"name\": \"no budget\"}").statusCode())
                .as("an archived reason's name is free again").isEqualTo(201);
    }

    @Test
    void refusesBadRenamesAndArchivesAndStoresNothing() {
        String id = create("Budget");
        create("Timing");
        String foreign = body(call("POST", "/api/v1/locations/elsewhere-lr2/lost-reasons", "{\"name\": \"X\"}"))
                .get("id").asText();
        long before = eventCount();

        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{\"name\": \"TIMING\"}"), 422,
                "duplicate-lost-reason-name");
        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{\"name\": \" \"}"), 422, "validation");
        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{}"), 422, "validation");
        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{\"name\": \"" + "n".repeat(256) + "\"}"), 422,
                "validation");
        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{\"name\": "), 400, "malformed-request");
        assertRefused(call("PATCH", at("/lost-reasons/" + foreign), "{\"name\": \"Y\"}"), 404,
                "lost-reason-not-found");
        assertRefused(call("DELETE", at("/lost-reasons/" + foreign), null), 404, "lost-reason-not-found");
        assertRefused(call("DELETE", at("/lost-reasons/no-such-reason"), null), 404, "lost-reason-not-found");
        assertRefused(call("PATCH", at("/lost-reasons/no-such-reason"), "{\"name\": \"Y\"}"), 404,
                "lost-reason-not-found");
        String pipeline = body(call("POST", at("/pipelines"),
                "{\"name\": \"Pipeline, not a reason\", \"stages\": [{\"name\": \"A\", \"winProbability\": 10}]}"))
                .get("id").asText();
        before = eventCount();
        assertRefused(call("DELETE", at("/lost-reasons/" + pipeline), null), 404, "lost-reason-not-found");
        assertThat(eventCount()).isEqualTo(before);

        call("DELETE", at("/lost-reasons/" + id), null);
        long afterArchive = eventCount();
        assertRefused(call("PATCH", at("/lost-reasons/" + id), "{\"name\": \"Money\"}"), 409,
                "lost-reason-archived");
        assertThat(eventCount()).isEqualTo(afterArchive);
    }

    private void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("type").asText()).endsWith("/" + code);
    }

    private JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
