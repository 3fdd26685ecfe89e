package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /opportunities/pipelines}: list, read, create, full replace of the stage list, delete.
 */
class PipelineEndpointsTest extends HighLevelApiTest {

    private static List<String> stageNames(JsonNode pipeline) {
        List<String> names = new ArrayList<>();
        pipeline.get("stages").forEach(stage -> names.add(stage.get("name").asText()));
        return names;
    }

    private String stage(String id, String name) {
        return "{" + (id == null ? "" : "\"id\": \"" + id + "\", ") + "\"name\": \"" + name + "\"}";
    }

    private HttpResponse<String> replace(JsonNode pipeline, String... stages) {
        return hl("PUT", "/opportunities/pipelines/" + pipeline.get("id").asText(),
                "{\"stages\": [" + String.join(", ", stages) + "]}");
    }

    @Test
    void createsAPipelineOrderedByPositionAndListsAndReadsIt() {
        HttpResponse<String> created = hl("POST", "/opportunities/pipelines", "{\"name\": \"Sales\", \"locationId\": \""
                + location + "\", \"showInFunnel\": true, \"stages\": [{\"name\": \"Demo\", \"position\": 1,"
                + " \"stageWinProbability\": 40, \"showInFunnel\": true}, {\"name\": \"Lead\", \"position\": 0}]}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode pipeline = json(created);
        assertThat(pipeline.get("name").asText()).isEqualTo("Sales");
        assertThat(pipeline.get("locationId").asText()).isEqualTo(location);
        assertThat(pipeline.get("dateAdded").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(stageNames(pipeline)).containsExactly("Lead", "Demo");
        assertThat(pipeline.get("stages").get(1).get("stageWinProbability").asInt()).isEqualTo(40);
        assertThat(pipeline.get("stages").get(1).get("position").asInt()).isEqualTo(1);
        assertThat(pipeline.get("stages").get(0).get("showInFunnel").asBoolean()).isTrue();

        JsonNode list = json(hl("GET", "/opportunities/pipelines?locationId=" + location, null));
        assertThat(list.get("pipelines")).hasSize(1);
        assertThat(list.get("pipelines").get(0)).isEqualTo(pipeline);
        assertThat(json(hl("GET", "/opportunities/pipelines/" + pipeline.get("id").asText(), null)))
                .isEqualTo(pipeline);
        assertError(hl("GET", "/opportunities/pipelines/no-such-pipeline", null), 404);
    }

    @Test
    void refusesABadPipeline() {
        pipelineIn(location, "Sales", "Lead");
        long events = eventCount();
        String body = "{\"name\": \"%s\", \"locationId\": \"" + location + "\", \"stages\": %s}";

        assertThat(assertInvalid(hl("POST", "/opportunities/pipelines", body.formatted("New", "[]"))))
                .containsExactly("stages should not be empty");
        assertThat(assertInvalid(hl("POST", "/opportunities/pipelines",
                body.formatted("New", "[{\"name\": \"\"}, {\"name\": \"A\", \"stageWinProbability\": 101}]"))))
                .containsExactly("stages.0.name should not be empty", "stages.1.stageWinProbability must not be"
                        + " greater than 100");
        assertInvalid(hl("POST", "/opportunities/pipelines", body.formatted("New", "[{\"name\": \"A\"},"
                + " {\"name\": \"a\"}]")));
        assertInvalid(hl("POST", "/opportunities/pipelines", body.formatted("sales", "[{\"name\": \"A\"}]")));
        assertThat(assertInvalid(hl("GET", "/opportunities/pipelines", null)))
                .containsExactly("locationId should not be empty");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void replacesTheStageListMovingDealsOfRemovedStagesToTheFirstRemainingStage() {
        JsonNode pipeline = pipeline("Lead", "Demo", "Proposal");
        String inDemo = json(hl("POST", "/opportunities/", "{\"pipelineId\": \"" + pipeline.get("id").asText()
                + "\", \"locationId\": \"" + location + "\", \"name\": \"Deal\", \"status\": \"open\","
                + " \"contactId\": \"c-1\", \"pipelineStageId\": \"" + stageId(pipeline, 1) + "\"}"))
                .get("opportunity").get("id").asText();
        String wonInDemo = opportunity(pipeline, "Won deal", "c-2", "\"pipelineStageId\": \"" + stageId(pipeline, 1)
                + "\"").get("id").asText();
        hl("PUT", "/opportunities/" + wonInDemo + "/status", "{\"status\": \"won\"}");

        HttpResponse<String> replaced = hl("PUT", "/opportunities/pipelines/" + pipeline.get("id").asText(),
                "{\"name\": \"Renamed\", \"stages\": [{\"id\": \"" + stageId(pipeline, 2) + "\", \"name\": \"Offer\","
                        + " \"stageWinProbability\": 70}, {\"name\": \"Negotiation\"}, {\"id\": \""
                        + stageId(pipeline, 0) + "\", \"name\": \"Lead\"}]}");

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        JsonNode after = json(replaced);
        assertThat(after.get("name").asText()).isEqualTo("Renamed");
        assertThat(stageNames(after)).containsExactly("Offer", "Negotiation", "Lead");
        assertThat(after.get("stages").get(0).get("id").asText()).isEqualTo(stageId(pipeline, 2));
        assertThat(after.get("stages").get(0).get("stageWinProbability").asInt()).isEqualTo(70);
        JsonNode moved = json(hl("GET", "/opportunities/" + inDemo, null)).get("opportunity");
        assertThat(moved.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 2));
        assertThat(history(inDemo)).containsExactly("OpportunityCreated highlevel",
                "OpportunityStageMoved highlevel");
        JsonNode won = json(hl("GET", "/opportunities/" + wonInDemo, null)).get("opportunity");
        assertThat(won.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 2));
        assertThat(won.get("status").asText()).isEqualTo("won");
        assertThat(history(pipeline.get("id").asText())).allSatisfy(event -> assertThat(event).endsWith("highlevel"));
    }

    @Test
    void swapsStageNamesAndReplacesEveryStageWithNewOnes() {
        JsonNode pipeline = pipeline("Lead", "Demo");
        String deal = opportunity(pipeline, "Deal", "c-1", null).get("id").asText();

        JsonNode swapped = json(replace(pipeline, stage(stageId(pipeline, 0), "Demo"),
                stage(stageId(pipeline, 1), "Lead")));
        assertThat(stageNames(swapped)).containsExactly("Demo", "Lead");
        assertThat(swapped.get("stages").get(0).get("id").asText()).isEqualTo(stageId(pipeline, 0));

        JsonNode fresh = json(replace(pipeline, stage(null, "Lead"), stage(null, "Closing")));
        assertThat(stageNames(fresh)).containsExactly("Lead", "Closing");
        assertThat(fresh.get("stages").get(0).get("id").asText())
                .isNotIn(stageId(pipeline, 0), stageId(pipeline, 1));
        assertThat(json(hl("GET", "/opportunities/" + deal, null)).get("opportunity").get("pipelineStageId").asText())
                .isEqualTo(fresh.get("stages").get(0).get("id").asText());
    }

    @Test
    void refusesAReplaceWithUnknownStagesOrNoStagesAndChangesNothing() {
        JsonNode pipeline = pipeline("Lead", "Demo");
        long events = eventCount();

        assertThat(assertInvalid(replace(pipeline, stage("no-such-stage", "Lead")))).containsExactly(
                "stages.0.id no-such-stage is not a stage of this pipeline");
        assertInvalid(replace(pipeline));
        assertInvalid(replace(pipeline, stage(null, "Same"), stage(null, "same")));
        assertError(hl("PUT", "/opportunities/pipelines/no-such-pipeline", "{\"name\": \"X\"}"), 404);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void deletesAnEmptyPipelineAndRefusesOneWithOpenDeals() {
        JsonNode empty = pipeline("Lead");
        JsonNode busy = pipeline("Lead");
        opportunity(busy, "Deal", "c-1", null);

        HttpResponse<String> deleted = hl("DELETE", "/opportunities/pipelines/" + empty.get("id").asText(), null);

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(json(deleted).get("success").asBoolean()).isTrue();
        assertError(hl("GET", "/opportunities/pipelines/" + empty.get("id").asText(), null), 404);
        assertError(hl("DELETE", "/opportunities/pipelines/" + busy.get("id").asText(), null), 400);
        assertError(hl("DELETE", "/opportunities/pipelines/no-such-pipeline", null), 404);
    }
}
