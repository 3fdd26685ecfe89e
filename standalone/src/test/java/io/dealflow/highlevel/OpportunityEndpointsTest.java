package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /opportunities/}, {@code GET}, {@code PUT}, {@code PUT .../status} and {@code DELETE
 * /opportunities/{id}}: HighLevel's fields, answers and errors, over the same commands as the native API.
 */
class OpportunityEndpointsTest extends HighLevelApiTest {

    @Test
    void createsAnOpportunityAndAnswersItInHighLevelsShape() {
        JsonNode pipeline = pipeline("Lead", "Won");

        HttpResponse<String> created = hl("POST", "/opportunities/", "{\"pipelineId\": \""
                + pipeline.get("id").asText() + "\", \"locationId\": \"" + location + "\", \"name\": \"Big deal\","
                + " \"status\": \"open\", \"contactId\": \"c-1\", \"monetaryValue\": 1500.5, \"assignedTo\": \"u-1\","
                + " \"customFields\": [{\"id\": \"region\", \"field_value\": \"EMEA\"}, {\"key\": \"seats\","
                + " \"field_value\": 12}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode opportunity = json(created).get("opportunity");
        assertThat(opportunity.get("id").asText()).isNotBlank();
        assertThat(opportunity.get("name").asText()).isEqualTo("Big deal");
        assertThat(opportunity.get("monetaryValue").decimalValue()).isEqualByComparingTo("1500.5");
        assertThat(opportunity.get("pipelineId").asText()).isEqualTo(pipeline.get("id").asText());
        assertThat(opportunity.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 0));
        assertThat(opportunity.get("assignedTo").asText()).isEqualTo("u-1");
        assertThat(opportunity.get("status").asText()).isEqualTo("open");
        assertThat(opportunity.get("contactId").asText()).isEqualTo("c-1");
        assertThat(opportunity.get("contact").get("id").asText()).isEqualTo("c-1");
        assertThat(opportunity.get("locationId").asText()).isEqualTo(location);
        assertThat(opportunity.get("indexVersion").asLong()).isEqualTo(1);
        assertThat(opportunity.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(opportunity.get("lastStageChangeAt").asText()).endsWith("Z");
        assertThat(opportunity.get("customFields").toString()).contains("\"id\":\"region\"", "\"fieldValue\":\"EMEA\"",
                "\"id\":\"seats\"", "\"fieldValue\":12");
        assertThat(opportunity.get("followers").isArray()).isTrue();
        assertThat(history(opportunity.get("id").asText())).containsExactly("OpportunityCreated highlevel");
    }

    @Test
    void createsWithAClosedStatusAndAcceptsAnyVersionHeader() {
        JsonNode pipeline = pipeline("Lead", "Demo");
        HttpResponse<String> created = call("POST", "/opportunities", "{\"pipelineId\": \""
                + pipeline.get("id").asText() + "\", \"locationId\": \"" + location + "\", \"name\": \"Done deal\","
                + " \"status\": \"won\", \"contactId\": \"c-2\", \"pipelineStageId\": \"" + stageId(pipeline, 1)
                + "\"}", "Version", "2023-02-21");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode opportunity = json(created).get("opportunity");
        assertThat(opportunity.get("status").asText()).isEqualTo("won");
        assertThat(opportunity.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 1));
        assertThat(opportunity.get("indexVersion").asLong()).isEqualTo(2);
    }

    @Test
    void refusesACreateWithMissingOrInvalidFieldsListingEveryProblem() {
        long events = eventCount();

        List<String> messages = assertInvalid(hl("POST", "/opportunities/", "{\"status\": \"closed\","
                + " \"monetaryValue\": -1}"));

        assertThat(messages).contains("pipelineId should not be empty", "locationId should not be empty",
                "name should not be empty", "contactId should not be empty",
                "status must be one of the following values: open, won, lost, abandoned",
                "monetaryValue must not be less than 0");
        assertThat(assertInvalid(hl("POST", "/opportunities/", "{\"monetaryValue\": \"lots\"}")))
                .containsExactly("monetaryValue has the wrong type");
        assertError(hl("POST", "/opportunities/", "{\"name\": "), 400);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void refusesAnUnknownPipelineOrStageWith422AndChangesNothing() {
        JsonNode pipeline = pipeline("Lead");
        long events = eventCount();
        String body = "{\"pipelineId\": \"%s\", \"locationId\": \"" + location + "\", \"name\": \"X\","
                + " \"status\": \"open\", \"contactId\": \"c-1\", \"pipelineStageId\": \"%s\"}";

        assertInvalid(hl("POST", "/opportunities/", body.formatted("no-such-pipeline", "s")));
        assertInvalid(hl("POST", "/opportunities/", body.formatted(pipeline.get("id").asText(), "no-such-stage")));
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void readsAnOpportunityAndAnswers404ForAnUnknownOne() {
        JsonNode created = opportunity(pipeline("Lead"), "Deal", "c-1", null);

        HttpResponse<String> read = hl("GET", "/opportunities/" + created.get("id").asText(), null);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("opportunity")).isEqualTo(created);
        JsonNode missing = assertError(hl("GET", "/opportunities/no-such-deal", null), 404);
        assertThat(missing.get("message").asText()).isEqualTo("Opportunity not found");
        assertThat(missing.get("error").asText()).isEqualTo("Not Found");
    }

    @Test
    void updatesFacetsStageAndStatusKeepingOtherCustomFields() {
        JsonNode pipeline = pipeline("Lead", "Demo", "Proposal");
        JsonNode created = opportunity(pipeline, "Deal", "c-1",
                "\"customFields\": [{\"id\": \"region\", \"field_value\": \"EMEA\"}, {\"id\": \"seats\","
                        + " \"field_value\": 3}]");
        String id = created.get("id").asText();

        HttpResponse<String> updated = hl("PUT", "/opportunities/" + id, "{\"name\": \"Bigger deal\","
                + " \"monetaryValue\": 2500, \"assignedTo\": \"u-9\", \"source\": \"web\", \"pipelineStageId\": \""
                + stageId(pipeline, 2) + "\", \"status\": \"won\", \"customFields\": [{\"id\": \"seats\","
                + " \"field_value\": 5}]}");

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode opportunity = json(updated).get("opportunity");
        assertThat(opportunity.get("name").asText()).isEqualTo("Bigger deal");
        assertThat(opportunity.get("monetaryValue").asInt()).isEqualTo(2500);
        assertThat(opportunity.get("assignedTo").asText()).isEqualTo("u-9");
        assertThat(opportunity.get("source").asText()).isEqualTo("web");
        assertThat(opportunity.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 2));
        assertThat(opportunity.get("status").asText()).isEqualTo("won");
        assertThat(opportunity.get("customFields").toString()).contains("\"fieldValue\":\"EMEA\"",
                "\"fieldValue\":5");
        assertThat(opportunity.get("indexVersion").asLong()).isGreaterThan(created.get("indexVersion").asLong());
        assertThat(history(id)).containsExactly("OpportunityCreated highlevel", "OpportunityRenamed highlevel",
                "OpportunityValueChanged highlevel", "OpportunitySourceChanged highlevel",
                "OpportunityOwnerAssigned highlevel", "OpportunityCustomFieldsChanged highlevel",
                "OpportunityStageMoved highlevel", "OpportunityWon highlevel");
        assertThat(opportunity.get("indexVersion").asLong()).isEqualTo(history(id).size());
    }

    @Test
    void movesToTheFirstStageOfAnotherPipelineWhenOnlyThePipelineChanges() {
        JsonNode first = pipeline("Lead", "Demo");
        JsonNode second = pipeline("Intake", "Review");
        String id = opportunity(first, "Deal", "c-1", null).get("id").asText();

        JsonNode moved = json(hl("PUT", "/opportunities/" + id, "{\"pipelineId\": \"" + second.get("id").asText()
                + "\"}")).get("opportunity");

        assertThat(moved.get("pipelineId").asText()).isEqualTo(second.get("id").asText());
        assertThat(moved.get("pipelineStageId").asText()).isEqualTo(stageId(second, 0));
    }

    @Test
    void renamesAClosedDealWhosePipelineWasDeleted() {
        JsonNode pipeline = pipeline("Lead");
        String id = opportunity(pipeline, "Deal", "c-1", null).get("id").asText();
        hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"won\"}");
        assertThat(hl("DELETE", "/opportunities/pipelines/" + pipeline.get("id").asText(), null).statusCode())
                .isEqualTo(200);

        HttpResponse<String> renamed = hl("PUT", "/opportunities/" + id, "{\"name\": \"Renamed\"}");

        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(json(renamed).get("opportunity").get("name").asText()).isEqualTo("Renamed");
    }

    @Test
    void refusesAnUpdateToAnUnknownStageOrOfAnUnknownDealChangingNothing() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", null).get("id").asText();
        long events = eventCount();

        assertInvalid(hl("PUT", "/opportunities/" + id, "{\"name\": \"Renamed\", \"pipelineStageId\": \"nope\"}"));
        assertInvalid(hl("PUT", "/opportunities/" + id, "{\"status\": \"done\"}"));
        assertError(hl("PUT", "/opportunities/no-such-deal", "{\"name\": \"X\"}"), 404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void changesTheStatusKeepingTheLostReasonOnlyWhileLost() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", null).get("id").asText();
        HttpResponse<String> reason = call("POST", at("/lost-reasons"), "{\"name\": \"Too expensive\"}");
        String reasonId = json(reason).get("id").asText();

        HttpResponse<String> lost = hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"lost\","
                + " \"lostReasonId\": \"" + reasonId + "\"}");

        assertThat(lost.statusCode()).as(lost.body()).isEqualTo(200);
        assertThat(json(lost).get("succeded").asBoolean()).isTrue();
        assertThat(json(lost).get("success").asBoolean()).isTrue();
        JsonNode read = json(hl("GET", "/opportunities/" + id, null)).get("opportunity");
        assertThat(read.get("status").asText()).isEqualTo("lost");
        assertThat(read.get("lostReasonId").asText()).isEqualTo(reasonId);

        assertThat(hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"open\", \"lostReasonId\": \""
                + reasonId + "\"}").statusCode()).isEqualTo(200);
        JsonNode reopened = json(hl("GET", "/opportunities/" + id, null)).get("opportunity");
        assertThat(reopened.get("status").asText()).isEqualTo("open");
        assertThat(reopened.get("lostReasonId").isNull()).isTrue();
    }

    @Test
    void refusesABadStatusChange() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", null).get("id").asText();
        long events = eventCount();

        assertThat(assertInvalid(hl("PUT", "/opportunities/" + id + "/status", "{}")))
                .contains("status should not be empty");
        assertInvalid(hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"lost\", \"lostReasonId\":"
                + " \"no-such-reason\"}"));
        assertError(hl("PUT", "/opportunities/no-such-deal/status", "{\"status\": \"won\"}"), 404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void deletesAnOpportunityWhichThenIsNotFound() {
        String id = opportunity(pipeline("Lead"), "Deal", "c-1", null).get("id").asText();

        HttpResponse<String> deleted = hl("DELETE", "/opportunities/" + id, null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("succeded").asBoolean()).isTrue();
        assertError(hl("GET", "/opportunities/" + id, null), 404);
        assertError(hl("DELETE", "/opportunities/" + id, null), 404);
        assertThat(history(id)).containsExactly("OpportunityCreated highlevel", "OpportunityDeleted highlevel");
    }
}
