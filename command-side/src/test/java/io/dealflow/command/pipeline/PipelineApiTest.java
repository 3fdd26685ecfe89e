package io.dealflow.command.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityWon;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineApiTest extends CommandApiTest {

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private EventStore eventStore;
    @Autowired
    private TransactionManager transactionManager;

    @Nested
    class Create {

        @Test
        void createsPipelineAndAnswers201WithItsStages() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": " Sales ", "stages": [{"name": "Lead", "winProbability": 10},
                                                   {"name": " Won soon ", "winProbability": 90}]}""");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = body(response);
            String id = body.get("id").asText();
            assertThat(body.get("version").asLong()).isEqualTo(1);
            assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                    location -> assertThat(location).endsWith(at("/pipelines/" + id)));
            assertThat(response.headers().firstValue("Consistency-Token"))
                    .hasValue(body.get("consistencyToken").asText());
            JsonNode stages = body.get("stages");
            assertThat(stages).hasSize(2);
            assertThat(stages.get(0).get("name").asText()).isEqualTo("Lead");
            assertThat(stages.get(0).get("position").asInt()).isZero();
            assertThat(stages.get(0).get("winProbability").asInt()).isEqualTo(10);
            assertThat(stages.get(1).get("name").asText()).isEqualTo("Won soon");
            assertThat(stages.get(1).get("position").asInt()).isEqualTo(1);
            assertThat(stages.get(1).get("id").asText()).isNotBlank().isNotEqualTo(stages.get(0).get("id").asText());
            assertThat(eventCount()).isEqualTo(before + 1);
            assertThat(eventTypes(id)).containsExactly("PipelineCreated");
            assertThat(payload(id, 0)).contains("\"name\":\"Sales\"");
        }

        @Test
        void refusesMoreThanAHundredStagesWith422() {
            long before = eventCount();
            String[] names = new String[101];
            for (int i = 0; i < names.length; i++) {
                names[i] = "Stage " + i;
            }

            HttpResponse<String> tooMany = call("POST", at("/pipelines"), createBody("Huge", names));
            HttpResponse<String> hundred = call("POST", at("/pipelines"),
                    createBody("Big", Arrays.copyOf(names, 100)));

            assertRefused(tooMany, 422, "too-many-stages");
            assertThat(errorFields(tooMany)).containsExactly("stages");
            assertThat(hundred.statusCode()).as(hundred.body()).isEqualTo(201);
            assertThat(body(hundred).get("stages")).hasSize(100);
            assertThat(eventCount()).isEqualTo(before + 1);
        }

        @Test
        void rejectsMalformedJson() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), "{\"name\": ");

            assertRefused(response, 400, "malformed-request");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsUnknownField() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "colour": "red", "stages": [{"name": "Lead", "winProbability": 10}]}""");

            assertRefused(response, 400, "malformed-request");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsMissingFields() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), "{}");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactlyInAnyOrder("name", "stages");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsEmptyStageList() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "stages": []}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactly("stages");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsBlankName() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "  ", "stages": [{"name": "Lead", "winProbability": 10}]}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactly("name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsNameOver255Characters() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "%s", "stages": [{"name": "Lead", "winProbability": 10}]}""".formatted("x".repeat(256)));

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactly("name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStageWithoutNameOrProbability() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "stages": [{}]}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response))
                    .containsExactlyInAnyOrder("stages[0].name", "stages[0].winProbability");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsWinProbabilityOutOfRange() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10},
                                                 {"name": "Won", "winProbability": 101}]}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactly("stages[1].winProbability");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStageNamesThatDifferOnlyInCase() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10},
                                                 {"name": "lead", "winProbability": 20}]}""");

            assertRefused(response, 422, "duplicate-stage-name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsNameOfAnotherPipelineOfTheLocationIgnoringCase() {
            createPipeline("Sales", "Lead");
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "SALES", "stages": [{"name": "Lead", "winProbability": 10}]}""");

            assertRefused(response, 422, "duplicate-pipeline-name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void acceptsNameOfADeletedPipeline() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            assertThat(call("DELETE", at("/pipelines/" + id), null).statusCode()).isEqualTo(200);

            HttpResponse<String> response = call("POST", at("/pipelines"), """
                    {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10}]}""");

            assertThat(response.statusCode()).isEqualTo(201);
        }

        @Test
        void rejectsMalformedLocationId() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", "/api/v1/locations/" + "x".repeat(65) + "/pipelines", """
                    {"name": "Sales", "stages": [{"name": "Lead", "winProbability": 10}]}""");

            assertRefused(response, 400, "bad-request");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class Rename {

        @Test
        void renamesPipeline() {
            String id = createPipeline("Sales", "Lead").get("id").asText();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"Enterprise\"}",
                    "If-Match", "\"1\"");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = body(response);
            assertThat(body.get("id").asText()).isEqualTo(id);
            assertThat(body.get("version").asLong()).isEqualTo(2);
            assertThat(response.headers().firstValue("Consistency-Token"))
                    .hasValue(body.get("consistencyToken").asText());
            assertThat(eventTypes(id)).containsExactly("PipelineCreated", "PipelineRenamed");
        }

        @Test
        void answersCurrentVersionWhenNameIsUnchanged() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"Sales\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(1);
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsNameOfAnotherPipeline() {
            createPipeline("Enterprise", "Lead");
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"enterprise\"}");

            assertRefused(response, 422, "duplicate-pipeline-name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsBlankName() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"\"}");

            assertRefused(response, 422, "validation");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStaleIfMatch() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"Enterprise\"}",
                    "If-Match", "\"2\"");

            assertRefused(response, 412, "stale-version");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsMalformedIfMatch() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"Enterprise\"}",
                    "If-Match", "\"one\"");

            assertRefused(response, 400, "bad-request");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForUnknownPipeline() {
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + UUID.randomUUID()),
                    "{\"name\": \"Enterprise\"}");

            assertRefused(response, 404, "pipeline-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answersPipelineOfAnotherLocationLikeAnUnknownOne() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            String unknown = UUID.randomUUID().toString();
            long before = eventCount();

            HttpResponse<String> foreign = call("PATCH", "/api/v1/locations/elsewhere/pipelines/" + id,
                    "{\"name\": \"Mine\"}");
            HttpResponse<String> missing = call("PATCH", "/api/v1/locations/elsewhere/pipelines/" + unknown,
                    "{\"name\": \"Mine\"}");

            assertRefused(foreign, 404, "pipeline-not-found");
            assertRefused(missing, 404, "pipeline-not-found");
            assertThat(body(foreign).get("detail").asText().replace(id, "?"))
                    .isEqualTo(body(missing).get("detail").asText().replace(unknown, "?"));
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForDeletedPipeline() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            call("DELETE", at("/pipelines/" + id), null);
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id), "{\"name\": \"Again\"}");

            assertRefused(response, 404, "pipeline-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class AddStage {

        @Test
        void refusesTheHundredAndFirstStageWith422() {
            String[] names = new String[100];
            for (int i = 0; i < names.length; i++) {
                names[i] = "Stage " + i;
            }
            String id = body(call("POST", at("/pipelines"), createBody("Full", names))).get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"),
                    "{\"name\": \"One too many\", \"winProbability\": 50}");

            assertRefused(response, 422, "too-many-stages");
            assertThat(eventCount()).isEqualTo(before);
            assertThat(stagePositions(id)).hasSize(100);
        }

        @Test
        void addsStageAtTheEndAndAnswersItsId() {
            String id = createPipeline("Sales", "Lead", "Proposal").get("id").asText();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": "Closing", "winProbability": 90}""", "If-Match", "\"1\"");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = body(response);
            assertThat(body.get("id").asText()).isEqualTo(id);
            assertThat(body.get("version").asLong()).isEqualTo(2);
            assertThat(body.get("consistencyToken").asText()).isNotBlank();
            String stageId = body.get("stageId").asText();
            assertThat(stagePositions(id)).containsExactly(
                    Map.entry(stageId(id, 0), 0), Map.entry(stageId(id, 1), 1), Map.entry(stageId, 2));
        }

        @Test
        void addsStageAtTheGivenPosition() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": "Qualified", "winProbability": 20, "position": 1}""");

            assertThat(response.statusCode()).isEqualTo(200);
            String stageId = body(response).get("stageId").asText();
            assertThat(stageId(id, 1)).isEqualTo(stageId);
            assertThat(stageId(id, 2)).isEqualTo(pipeline.get("stages").get(1).get("id").asText());
        }

        @Test
        void rejectsPositionPastTheEnd() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": "Closing", "winProbability": 90, "position": 2}""");

            assertRefused(response, 422, "invalid-position");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsMissingWinProbabilityAndNegativePosition() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": "Closing", "position": -1}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactlyInAnyOrder("winProbability", "position");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsWinProbabilityOfWrongType() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": "Closing", "winProbability": "high"}""");

            assertRefused(response, 400, "malformed-request");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsNameOfAnotherStage() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages"), """
                    {"name": " LEAD ", "winProbability": 90}""");

            assertRefused(response, 422, "duplicate-stage-name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForUnknownPipeline() {
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + UUID.randomUUID() + "/stages"), """
                    {"name": "Closing", "winProbability": 90}""");

            assertRefused(response, 404, "pipeline-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class EditStage {

        @Test
        void renamesAndReweighsWithOneEventEach() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            String stageId = pipeline.get("stages").get(1).get("id").asText();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + stageId), """
                    {"name": "Offer", "winProbability": 60}""", "If-Match", "1");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(3);
            assertThat(eventTypes(id)).containsExactly(
                    "PipelineCreated", "PipelineStageRenamed", "PipelineStageProbabilityChanged");
        }

        @Test
        void changesNothingWhenValuesAreCurrent() {
            JsonNode pipeline = createPipeline("Sales", "Lead");
            String id = pipeline.get("id").asText();
            String stageId = pipeline.get("stages").get(0).get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + stageId), """
                    {"name": "Lead", "winProbability": 10}""");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(1);
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsBlankNameAndProbabilityOutOfRange() {
            JsonNode pipeline = createPipeline("Sales", "Lead");
            String id = pipeline.get("id").asText();
            String stageId = pipeline.get("stages").get(0).get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + stageId), """
                    {"name": " ", "winProbability": -5}""");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactlyInAnyOrder("name", "winProbability");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsNameOfAnotherStage() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            String stageId = pipeline.get("stages").get(1).get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + stageId), """
                    {"name": "lead"}""");

            assertRefused(response, 422, "duplicate-stage-name");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForUnknownStage() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + UUID.randomUUID()), """
                    {"name": "Offer"}""");

            assertRefused(response, 404, "stage-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStaleIfMatch() {
            JsonNode pipeline = createPipeline("Sales", "Lead");
            String id = pipeline.get("id").asText();
            String stageId = pipeline.get("stages").get(0).get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("PATCH", at("/pipelines/" + id + "/stages/" + stageId), """
                    {"winProbability": 20}""", "If-Match", "W/\"5\"");

            assertRefused(response, 412, "stale-version");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class Reorder {

        @Test
        void reordersStages() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal", "Closing");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages/order"),
                    stageOrder(stages.get(2), stages.get(0), stages.get(1)), "If-Match", "\"1\"");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(2);
            assertThat(stageId(id, 0)).isEqualTo(stages.get(2));
            assertThat(stageId(id, 2)).isEqualTo(stages.get(1));
        }

        @Test
        void changesNothingForTheCurrentOrder() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages/order"),
                    stageOrder(stages.get(0), stages.get(1)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(1);
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsListThatIsNotAPermutation() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages/order"),
                    stageOrder(stages.get(1), stages.get(1)));

            assertRefused(response, 422, "not-a-permutation");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsMissingStageIds() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages/order"), "{}");

            assertRefused(response, 422, "validation");
            assertThat(errorFields(response)).containsExactly("stageIds");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStaleIfMatch() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            long before = eventCount();

            HttpResponse<String> response = call("POST", at("/pipelines/" + id + "/stages/order"),
                    stageOrder(stages.get(1), stages.get(0)), "If-Match", "\"3\"");

            assertRefused(response, 412, "stale-version");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class RemoveStage {

        @Test
        void removesStageWithoutOpenOpportunities() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal", "Closing");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + stages.get(1)), null,
                    "If-Match", "\"1\"");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(2);
            assertThat(eventTypes(id)).containsExactly("PipelineCreated", "PipelineStageRemoved");
            assertThat(payload(id, 1)).contains("\"movedOpenTo\":null");
            assertThat(stagePositions(id)).containsExactly(Map.entry(stages.get(0), 0), Map.entry(stages.get(2), 1));
        }

        @Test
        void requiresMoveOpenToWhenStageHoldsOpenOpportunities() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            openOpportunity(id, stages.get(1));
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + stages.get(1)), null);

            assertRefused(response, 422, "move-open-to-required");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsTheRemovedStageAsTarget() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            openOpportunity(id, stages.get(1));
            long before = eventCount();

            HttpResponse<String> response = call("DELETE",
                    at("/pipelines/" + id + "/stages/" + stages.get(1) + "?moveOpenTo=" + stages.get(1)), null);

            assertRefused(response, 422, "invalid-move-target");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStageOfAnotherPipelineAsTarget() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            String elsewhere = stageIds(createPipeline("Other", "Lead")).get(0);
            long before = eventCount();

            HttpResponse<String> response = call("DELETE",
                    at("/pipelines/" + id + "/stages/" + stageIds(pipeline).get(1) + "?moveOpenTo=" + elsewhere), null);

            assertRefused(response, 422, "invalid-move-target");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void ignoresClosedOpportunitiesOfTheStage() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            String won = openOpportunity(id, stages.get(1));
            append(won, 1, new OpportunityWon(won, location));

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + stages.get(1)), null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(eventTypes(id)).containsExactly("PipelineCreated", "PipelineStageRemoved");
        }

        @Test
        void movesOpenOpportunitiesToTheTargetInTheSameTransaction() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal", "Closing");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            String first = openOpportunity(id, stages.get(1));
            String second = openOpportunity(id, stages.get(1));

            HttpResponse<String> response = call("DELETE",
                    at("/pipelines/" + id + "/stages/" + stages.get(1) + "?moveOpenTo=" + stages.get(2)), null,
                    "X-Request-Id", "removal-42", "X-Correlation-Id", "corr-7");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(body(response).get("version").asLong()).isEqualTo(2);
            assertThat(eventTypes(id)).containsExactly("PipelineCreated", "PipelineStageRemoved");
            assertThat(payload(id, 1)).contains("\"movedOpenTo\":\"" + stages.get(2) + "\"");
            for (String opportunityId : List.of(first, second)) {
                assertThat(eventTypes(opportunityId)).containsExactly("OpportunityCreated", "OpportunityStageMoved");
                assertThat(payload(opportunityId, 1)).contains(
                        "\"fromStageId\":\"" + stages.get(1) + "\"", "\"toStageId\":\"" + stages.get(2) + "\"");
                assertThat(metadata(opportunityId, 1)).contains("\"requestId\":\"removal-42\"",
                        "\"correlationId\":\"corr-7\"");
            }
            assertThat(jdbc.queryForList("SELECT DISTINCT stage_id FROM command_model.opportunity_lookup"
                    + " WHERE pipeline_id = ?", String.class, id)).containsExactly(stages.get(2));
        }

        @Test
        void movesTheOldestDealFirstWhateverTheIds() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            List<String> created = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                created.add(openOpportunity(id, stages.get(1)));
            }

            HttpResponse<String> response = call("DELETE",
                    at("/pipelines/" + id + "/stages/" + stages.get(1) + "?moveOpenTo=" + stages.get(0)), null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM event_store.domain_event_entry"
                    + " WHERE payload_type LIKE '%OpportunityStageMoved' AND aggregate_identifier IN (?, ?, ?, ?, ?, ?)"
                    + " ORDER BY global_index", String.class, created.toArray()))
                    .as("moves in creation order, so two databases replaying one history agree")
                    .containsExactlyElementsOf(created);
        }

        @Test
        void appendsEachMoveAfterTheDealsLastEventSoItsAggregateGoesOn() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal", "Closing");
            String id = pipeline.get("id").asText();
            List<String> stages = stageIds(pipeline);
            String reopened = openOpportunity(id, stages.get(1));
            append(reopened, 1, new OpportunityWon(reopened, location));
            append(reopened, 2, new OpportunityReopened(reopened, location, "won"));
            String deleted = openOpportunity(id, stages.get(1));
            append(deleted, 1, new OpportunityDeleted(deleted, location));

            HttpResponse<String> response = call("DELETE",
                    at("/pipelines/" + id + "/stages/" + stages.get(1) + "?moveOpenTo=" + stages.get(2)), null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(eventTypes(reopened)).containsExactly("OpportunityCreated", "OpportunityWon",
                    "OpportunityReopened", "OpportunityStageMoved");
            assertThat(jdbc.queryForObject("SELECT type FROM event_store.domain_event_entry"
                    + " WHERE aggregate_identifier = ? AND sequence_number = 3", String.class, reopened))
                    .isEqualTo("Opportunity");
            assertThat(eventTypes(deleted)).as("a deleted deal is not moved")
                    .containsExactly("OpportunityCreated", "OpportunityDeleted");
            HttpResponse<String> moveBack = call("POST", at("/opportunities/" + reopened + "/move-stage"),
                    "{\"stageId\": \"" + stages.get(0) + "\"}");
            assertThat(moveBack.statusCode()).as(moveBack.body()).isEqualTo(200);
            assertThat(body(moveBack).get("version").asLong()).isEqualTo(5);
            assertThat(payload(reopened, 4)).contains("\"fromStageId\":\"" + stages.get(2) + "\"");
        }

        @Test
        void keepsTheLastStage() {
            JsonNode pipeline = createPipeline("Sales", "Lead");
            String id = pipeline.get("id").asText();
            String stageId = stageIds(pipeline).get(0);
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + stageId), null);

            assertRefused(response, 422, "last-stage");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForUnknownStage() {
            String id = createPipeline("Sales", "Lead", "Proposal").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + UUID.randomUUID()),
                    null);

            assertRefused(response, 404, "stage-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStaleIfMatch() {
            JsonNode pipeline = createPipeline("Sales", "Lead", "Proposal");
            String id = pipeline.get("id").asText();
            String stageId = stageIds(pipeline).get(1);
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id + "/stages/" + stageId),
                    null, "If-Match", "\"2\"");

            assertRefused(response, 412, "stale-version");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesPipelineAndAnswersRepeatsWithTheSameVersion() {
            String id = createPipeline("Sales", "Lead").get("id").asText();

            HttpResponse<String> first = call("DELETE", at("/pipelines/" + id), null, "If-Match", "\"1\"");
            long afterFirst = eventCount();
            HttpResponse<String> repeat = call("DELETE", at("/pipelines/" + id), null);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(body(first).get("version").asLong()).isEqualTo(2);
            assertThat(repeat.statusCode()).isEqualTo(200);
            assertThat(body(repeat).get("version").asLong()).isEqualTo(2);
            assertThat(eventCount()).isEqualTo(afterFirst);
            assertThat(eventTypes(id)).containsExactly("PipelineCreated", "PipelineDeleted");
        }

        @Test
        void refusesWhileItHoldsOpenOpportunities() {
            JsonNode pipeline = createPipeline("Sales", "Lead");
            String id = pipeline.get("id").asText();
            openOpportunity(id, stageIds(pipeline).get(0));
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id), null);

            assertRefused(response, 409, "pipeline-holds-open-opportunities");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answersPipelineOfAnotherLocationLikeAnUnknownOne() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", "/api/v1/locations/elsewhere/pipelines/" + id, null);

            assertRefused(response, 404, "pipeline-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void answers404ForUnknownPipeline() {
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + UUID.randomUUID()), null);

            assertRefused(response, 404, "pipeline-not-found");
            assertThat(eventCount()).isEqualTo(before);
        }

        @Test
        void rejectsStaleIfMatch() {
            String id = createPipeline("Sales", "Lead").get("id").asText();
            long before = eventCount();

            HttpResponse<String> response = call("DELETE", at("/pipelines/" + id), null, "If-Match", "\"7\"");

            assertRefused(response, 412, "stale-version");
            assertThat(eventCount()).isEqualTo(before);
        }
    }

    /** Body of a pipeline creation; stage i gets win probability i % 101. */
    private static String createBody(String name, String... stageNames) {
        StringBuilder stages = new StringBuilder();
        for (int i = 0; i < stageNames.length; i++) {
            stages.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(stageNames[i])
                    .append("\", \"winProbability\": ").append(i % 101).append('}');
        }
        return "{\"name\": \"" + name + "\", \"stages\": [" + stages + "]}";
    }

    /** Creates a pipeline of this test's location; stage i gets win probability 10 * (i + 1). */
    private JsonNode createPipeline(String name, String... stageNames) {
        StringBuilder stages = new StringBuilder();
        for (int i = 0; i < stageNames.length; i++) {
            stages.append(i == 0 ? "" : ", ")
                    .append("{\"name\": \"").append(stageNames[i]).append("\", \"winProbability\": ")
                    .append(10 * (i + 1)).append('}');
        }
        HttpResponse<String> response = call("POST", at("/pipelines"),
                "{\"name\": \"" + name + "\", \"stages\": [" + stages + "]}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return body(response);
    }

    /**
     * Puts an open opportunity in a stage by appending its creation event, as the Opportunity aggregate would; the
     * command-side lookup follows it in the same transaction.
     */
    private String openOpportunity(String pipelineId, String stageId) {
        String opportunityId = UUID.randomUUID().toString();
        append(opportunityId, 0, new OpportunityCreated(opportunityId, location, "Deal", pipelineId, stageId,
                new BigDecimal("1000.00"), "USD", null, null, null, List.of(), List.of(), Map.of()));
        return opportunityId;
    }

    private void append(String opportunityId, long sequence, Object event) {
        transactionManager.executeInTransaction(() -> eventStore.publish(
                new GenericDomainEventMessage<>("Opportunity", opportunityId, sequence, event)));
    }

    private static String stageOrder(String... stageIds) {
        return "{\"stageIds\": [\"" + String.join("\", \"", stageIds) + "\"]}";
    }

    private static List<String> stageIds(JsonNode pipeline) {
        return pipeline.get("stages").findValuesAsText("id");
    }

    /** The live stage at a position, as the command-side lookup has it. */
    private String stageId(String pipelineId, int position) {
        return jdbc.queryForObject("""
                SELECT stage_id FROM command_model.stage_lookup
                WHERE pipeline_id = ? AND position = ? AND NOT removed""", String.class, pipelineId, position);
    }

    /** Live stage ids and positions in board order, as the command-side lookup has them. */
    private List<Map.Entry<String, Integer>> stagePositions(String pipelineId) {
        return jdbc.query("""
                        SELECT stage_id, position FROM command_model.stage_lookup
                        WHERE pipeline_id = ? AND NOT removed ORDER BY position""",
                (row, i) -> Map.entry(row.getString(1), row.getInt(2)), pipelineId);
    }

    private List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("""
                        SELECT payload_type FROM event_store.domain_event_entry
                        WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private String payload(String aggregateId, long sequence) {
        return column("payload", aggregateId, sequence);
    }

    private String metadata(String aggregateId, long sequence) {
        return column("meta_data", aggregateId, sequence);
    }

    private String column(String column, String aggregateId, long sequence) {
        return jdbc.queryForObject("SELECT convert_from(" + column + ", 'UTF8') FROM event_store.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, aggregateId, sequence);
    }

    private void assertRefused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(body(response).get("type").asText()).endsWith("/" + code);
    }

    private List<String> errorFields(HttpResponse<String> response) {
        return body(response).get("errors").findValuesAsText("field");
    }

    private JsonNode body(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
