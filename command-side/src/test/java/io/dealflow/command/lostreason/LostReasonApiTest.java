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
