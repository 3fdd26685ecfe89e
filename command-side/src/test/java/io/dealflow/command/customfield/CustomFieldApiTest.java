package io.dealflow.command.customfield;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import io.dealflow.command.opportunity.PipelineSetup;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom field definitions over real HTTP, and the check of values on create and edit that they bring. */
class CustomFieldApiTest extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactionManager;

    private String pipelineId;

    @BeforeEach
    void aPipeline() {
        pipelineId = new PipelineSetup(eventStore, transactionManager).pipeline(location, "Lead").id();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private void assertRefused(HttpResponse<String> response, int status, String code, long eventsBefore) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/" + code);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    private HttpResponse<String> define(String body) {
        return call("POST", at("/custom-fields"), body);
    }

    private HttpResponse<String> createDeal(String customFields) {
        return call("POST", at("/opportunities"), "{\"name\": \"Deal\", \"pipelineId\": \"" + pipelineId
                + "\", \"customFields\": " + customFields + "}");
    }

    @Test
    void definesChangesAndArchivesAField() {
        HttpResponse<String> created = define("{\"key\": \"fit\", \"name\": \"Fit\", \"type\": \"select\","
                + " \"options\": [\"good\", \"poor\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).get("id").asText()).isEqualTo("fit");
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(at("/custom-fields/fit")));

        HttpResponse<String> changed = call("PATCH", at("/custom-fields/fit"),
                "{\"name\": \"Fit score\", \"options\": [\"good\", \"fair\", \"poor\"]}");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("version").asLong()).isEqualTo(2);
        assertThat(createDeal("{\"fit\": \"fair\"}").statusCode()).as("a new option is accepted").isEqualTo(201);

        HttpResponse<String> archived = call("DELETE", at("/custom-fields/fit"), null);
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(200);
        assertThat(json(call("DELETE", at("/custom-fields/fit"), null)).get("version").asLong()).isEqualTo(3);
        assertThat(createDeal("{\"fit\": 42}").statusCode()).as("an archived field checks nothing").isEqualTo(201);
    }

    @Test
    void checksValuesOfDefinedFieldsOnCreateAndEditAndLeavesOtherKeysFree() {
        assertThat(define("{\"key\": \"budget\", \"name\": \"Budget\", \"type\": \"number\"}").statusCode())
                .isEqualTo(201);
        assertThat(define("{\"key\": \"closing\", \"name\": \"Closing\", \"type\": \"date\"}").statusCode())
                .isEqualTo(201);
        long events = eventCount();

        HttpResponse<String> refused = createDeal("{\"budget\": \"lots\"}");
        assertRefused(refused, 422, "invalid-custom-field", events);
        assertThat(json(refused).get("detail").asText())
                .isEqualTo("customFields.budget is a number field: its value must be a number");
        assertThat(json(refused).get("errors").get(0).get("field").asText()).isEqualTo("customFields.budget");
        assertRefused(createDeal("{\"closing\": \"next week\"}"), 422, "invalid-custom-field", events);

        HttpResponse<String> created = createDeal("{\"budget\": 1200.5, \"closing\": \"2026-03-31\", \"free\": \"x\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).get("id").asText();
        long afterCreate = eventCount();
        assertRefused(call("PATCH", at("/opportunities/" + id), "{\"customFields\": {\"budget\": true}}"), 422,
                "invalid-custom-field", afterCreate);
        HttpResponse<String> edited = call("PATCH", at("/opportunities/" + id),
                "{\"customFields\": {\"budget\": 99, \"free\": [1, \"a\"]}}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    }

    @Test
    void refusesBadDefinitionsAndChangesAndStoresNothing() {
        assertThat(define("{\"key\": \"budget\", \"name\": \"Budget\", \"type\": \"number\"}").statusCode())
                .isEqualTo(201);
        long events = eventCount();

        assertRefused(define("{\"key\": \"budget\", \"name\": \"Again\", \"type\": \"text\"}"), 409,
                "duplicate-custom-field", events);
        assertRefused(define("{\"key\": \"Budget\", \"name\": \"B\", \"type\": \"text\"}"), 422, "validation", events);
        assertRefused(define("{\"key\": \"" + "k".repeat(65) + "\", \"name\": \"B\", \"type\": \"text\"}"), 422,
                "validation", events);
        assertRefused(define("{\"key\": \"size\", \"name\": \"Size\", \"type\": \"money\"}"), 422, "invalid-type",
                events);
        assertRefused(define("{\"key\": \"size\", \"name\": \"Size\", \"type\": \"select\"}"), 422,
                "invalid-options", events);
        assertRefused(define("{\"key\": \"size\", \"name\": \"Size\", \"type\": \"text\", \"options\": [\"a\"]}"),
                422, "invalid-options", events);
        assertRefused(define("{\"key\": \"size\", \"type\": \"text\"}"), 422, "validation", events);
        assertRefused(define("{\"key\": \"size\", \"name\": \"Size\", \"type\": \"text\", \"colour\": 1}"), 400,
                "malformed-request", events);
        assertRefused(call("PATCH", at("/custom-fields/budget"), "{\"options\": [\"a\"]}"), 422, "invalid-options",
                events);
        assertRefused(call("PATCH", at("/custom-fields/budget"), "{\"name\": \"\"}"), 422, "validation", events);

        call("DELETE", at("/custom-fields/budget"), null);
        long afterArchive = eventCount();
        assertRefused(call("PATCH", at("/custom-fields/budget"), "{\"name\": \"N\"}"), 409, "custom-field-archived",
                afterArchive);
    }

    @Test
    void answersCustomFieldNotFoundForAKeyNeverDefinedHereOnBothVerbs() {
        String elsewhere = "/api/v1/locations/other-" + location + "/custom-fields";
        assertThat(call("POST", elsewhere, "{\"key\": \"region\", \"name\": \"Region\", \"type\": \"text\"}")
                .statusCode()).isEqualTo(201);
        long events = eventCount();

        HttpResponse<String> patched = call("PATCH", at("/custom-fields/nothing"), "{\"name\": \"N\"}");
        HttpResponse<String> deleted = call("DELETE", at("/custom-fields/nothing"), null);

        assertRefused(patched, 404, "custom-field-not-found", events);
        assertRefused(deleted, 404, "custom-field-not-found", events);
        assertThat(json(patched).get("detail").asText()).isEqualTo("custom field nothing does not exist");
        // Another location's field answers exactly like a key never defined anywhere.
        assertRefused(call("PATCH", at("/custom-fields/region"), "{\"name\": \"N\"}"), 404,
                "custom-field-not-found", events);
        assertRefused(call("DELETE", at("/custom-fields/region"), null), 404, "custom-field-not-found", events);
    }
}
