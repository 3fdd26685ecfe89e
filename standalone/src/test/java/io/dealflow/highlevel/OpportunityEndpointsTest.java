package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

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
}
