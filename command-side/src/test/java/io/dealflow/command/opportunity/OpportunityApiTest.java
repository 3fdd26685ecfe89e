package io.dealflow.command.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityApiTest extends OpportunityApiSupport {

    @Test
    void runsTheLifecycleWithVersionsOneToFive() {
        HttpResponse<String> created = call("POST", at("/opportunities"),
                "{\"name\": \"Big deal\", \"pipelineId\": \"" + pipeline.id() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode answer = json(created);
        String id = answer.get("id").asText();
        assertThat(answer.get("version").asLong()).isEqualTo(1);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(at("/opportunities/" + id)));
        assertThat(created.headers().firstValue("Consistency-Token"))
                .hasValue(answer.get("consistencyToken").asText());

        assertThat(version(call("POST", opportunity(id, "/move-stage"),
                "{\"stageId\": \"" + pipeline.stage(1) + "\"}", "If-Match", "\"1\""))).isEqualTo(2);
        assertThat(version(call("POST", opportunity(id, "/mark-won"), "{}", "If-Match", "\"2\""))).isEqualTo(3);
        assertThat(version(call("POST", opportunity(id, "/reopen"), "{}", "If-Match", "\"3\""))).isEqualTo(4);
        String reason = setup.lostReason(location, "Too expensive");
        assertThat(version(call("POST", opportunity(id, "/mark-lost"),
                "{\"lostReasonId\": \"" + reason + "\"}", "If-Match", "\"4\""))).isEqualTo(5);

        assertThat(eventTypes(id)).containsExactly("OpportunityCreated", "OpportunityStageMoved", "OpportunityWon",
                "OpportunityReopened", "OpportunityLost");
        JsonNode createdEvent = payloads(id, "OpportunityCreated").get(0);
        assertThat(createdEvent.get("stageId").asText()).isEqualTo(pipeline.stage(0));
        assertThat(createdEvent.get("currency").asText()).isEqualTo("USD");
        assertThat(createdEvent.get("monetaryValue").decimalValue()).isZero();
        assertThat(payloads(id, "OpportunityLost").get(0).get("reason").get("text").asText())
                .isEqualTo("Too expensive");
        assertThat(jdbc.queryForObject("SELECT status FROM command_model.opportunity_lookup WHERE opportunity_id = ?",
                String.class, id)).isEqualTo("lost");
    }

    @Test
    void answersTheCurrentVersionForARepeatAndStoresNothing() {
        String id = createOpportunity();
        assertThat(version(call("POST", opportunity(id, "/mark-won"), "{}"))).isEqualTo(2);
        long events = eventCount();

        assertThat(version(call("POST", opportunity(id, "/mark-won"), "{}"))).isEqualTo(2);
        assertThat(version(call("POST", opportunity(id, "/move-stage"),
                "{\"stageId\": \"" + pipeline.stage(0) + "\"}"))).isEqualTo(2);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void movesToAStageOfAnotherPipeline() {
        String id = createOpportunity();
        PipelineSetup.CreatedPipeline renewals = setup.pipeline(location, "Due", "Renewed");

        assertThat(version(call("POST", opportunity(id, "/move-stage"),
                "{\"stageId\": \"" + renewals.stage(1) + "\", \"pipelineId\": \"" + renewals.id() + "\"}")))
                .isEqualTo(2);
        JsonNode moved = payloads(id, "OpportunityStageMoved").get(0);
        assertThat(moved.get("fromPipelineId").asText()).isEqualTo(pipeline.id());
        assertThat(moved.get("toPipelineId").asText()).isEqualTo(renewals.id());
        assertThat(moved.get("toStageId").asText()).isEqualTo(renewals.stage(1));
    }

    @Test
    void createsWithEveryFacet() {
        HttpResponse<String> created = call("POST", at("/opportunities"), """
                {"name": "Big deal", "pipelineId": "%s", "stageId": "%s", "monetaryValue": 1234.5,
                 "currency": "EUR", "contact": {"id": "c-1", "name": "Ada", "email": "ada@example.com",
                 "phone": "+1 555", "companyName": "Analytical"}, "source": "web", "assignedTo": "user-1",
                 "followers": ["user-2"], "tags": ["hot"], "customFields": {"seats": 12, "ratio": 0.5}}
                """.formatted(pipeline.id(), pipeline.stage(2)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        JsonNode event = payloads(json(created).get("id").asText(), "OpportunityCreated").get(0);
        assertThat(event.get("stageId").asText()).isEqualTo(pipeline.stage(2));
        assertThat(event.get("monetaryValue").decimalValue()).isEqualByComparingTo("1234.5");
        assertThat(event.get("contact").get("companyName").asText()).isEqualTo("Analytical");
        assertThat(event.get("customFields").get("seats").asInt()).isEqualTo(12);
    }

    @Test
    void reopensIntoAnotherStageWithTwoEvents() {
        String id = createOpportunity();
        call("POST", opportunity(id, "/mark-abandoned"), "{}");

        assertThat(version(call("POST", opportunity(id, "/reopen"), "{\"stageId\": \"" + pipeline.stage(2) + "\"}")))
                .isEqualTo(4);
        assertThat(eventTypes(id)).endsWith("OpportunityAbandoned", "OpportunityReopened", "OpportunityStageMoved");
    }

    @Test
    void editsOnlyTheFacetsThatChange() {
        String id = createOpportunity();

        HttpResponse<String> edited = call("PATCH", opportunity(id, ""), """
                {"name": "Big deal", "monetaryValue": 1500.25, "source": "referral", "tags": ["hot", "q3"],
                 "contact": {"name": "Ada"}}""");
        assertThat(version(edited)).isEqualTo(5);
        assertThat(eventTypes(id)).containsExactly("OpportunityCreated", "OpportunityValueChanged",
                "OpportunityContactChanged", "OpportunitySourceChanged", "OpportunityTagsChanged");

        long events = eventCount();
        assertThat(version(call("PATCH", opportunity(id, ""), "{\"monetaryValue\": 1500.250}"))).isEqualTo(5);
        assertThat(version(call("PATCH", opportunity(id, ""), "{\"source\": null}"))).isEqualTo(6);
        assertThat(payloads(id, "OpportunitySourceChanged").get(1).get("source").isNull()).isTrue();
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void addsAndRemovesFollowers() {
        String id = createOpportunity();

        assertThat(version(call("POST", opportunity(id, "/followers"), "{\"followers\": [\"u-1\", \"u-2\"]}")))
                .isEqualTo(3);
        assertThat(version(call("POST", opportunity(id, "/followers"), "{\"followers\": [\"u-2\", \"u-3\"]}")))
                .isEqualTo(4);
        assertThat(version(call("DELETE", opportunity(id, "/followers/u-1"), null))).isEqualTo(5);
        assertThat(version(call("DELETE", opportunity(id, "/followers/u-1"), null))).isEqualTo(5);
        assertThat(eventTypes(id)).containsExactly("OpportunityCreated", "OpportunityFollowerAdded",
                "OpportunityFollowerAdded", "OpportunityFollowerAdded", "OpportunityFollowerRemoved");
    }

    @Test
    void addsANoteAndAnswersItsId() {
        String id = createOpportunity();

        HttpResponse<String> added = call("POST", opportunity(id, "/notes"), "{\"body\": \"Wants a demo\"}");
        assertThat(version(added)).isEqualTo(2);
        assertThat(added.headers().firstValue("Consistency-Token")).isPresent();
        String noteId = json(added).get("noteId").asText();
        assertThat(payloads(id, "OpportunityNoteAdded").get(0).get("noteId").asText()).isEqualTo(noteId);
    }

    @Test
    void addsAndCompletesATask() {
        String id = createOpportunity();

        HttpResponse<String> added = call("POST", opportunity(id, "/tasks"),
                "{\"title\": \"Send proposal\", \"dueAt\": \"2026-03-01T09:00:00Z\", \"assignedTo\": \"u-1\"}");
        assertThat(version(added)).isEqualTo(2);
        String taskId = json(added).get("taskId").asText();
        HttpResponse<String> completed = call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null);
        assertThat(version(completed)).isEqualTo(3);
        assertThat(json(completed).get("taskId").asText()).isEqualTo(taskId);
        assertThat(version(call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null))).isEqualTo(3);
        assertThat(payloads(id, "OpportunityTaskAdded").get(0).get("dueAt").asText())
                .isEqualTo("2026-03-01T09:00:00Z");
    }

    @Test
    void deletesAndRestores() {
        String id = createOpportunity();

        assertThat(version(call("DELETE", opportunity(id, ""), null))).isEqualTo(2);
        assertThat(version(call("DELETE", opportunity(id, ""), null))).isEqualTo(2);
        assertProblem(call("POST", opportunity(id, "/mark-won"), "{}"), 404, "opportunity-not-found");
        assertThat(version(call("POST", opportunity(id, "/restore"), null))).isEqualTo(3);
        assertThat(version(call("POST", opportunity(id, "/restore"), null))).isEqualTo(3);
        assertThat(version(call("POST", opportunity(id, "/mark-won"), "{}"))).isEqualTo(4);
    }

    /** Every bad request answers its contract status and problem type, and stores nothing. */
    @Nested
    class BadInput {

        private void assertRefused(HttpResponse<String> response, int status, String code, long eventsBefore) {
            assertProblem(response, status, code);
            assertThat(eventCount()).isEqualTo(eventsBefore);
        }

        private HttpResponse<String> create(String json) {
            return call("POST", at("/opportunities"), json);
        }

        private String withPipeline(String extra) {
            return "{\"name\": \"Deal\", \"pipelineId\": \"" + pipeline.id() + "\"" + extra + "}";
        }

        @Test
        void malformedJson() {
            long events = eventCount();
            assertRefused(create("{\"name\": \"Deal\", "), 400, "malformed-request", events);
        }

        @Test
        void unknownField() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"price\": 5")), 400, "malformed-request", events);
        }

        @Test
        void valueOfTheWrongType() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"monetaryValue\": \"lots\"")), 400, "malformed-request", events);
        }

        @Test
        void missingName() {
            long events = eventCount();
            HttpResponse<String> response = create("{\"pipelineId\": \"" + pipeline.id() + "\"}");
            assertRefused(response, 422, "validation", events);
            assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("name");
        }

        @Test
        void missingPipeline() {
            long events = eventCount();
            assertRefused(create("{\"name\": \"Deal\"}"), 422, "validation", events);
        }

        @Test
        void nameOver255Characters() {
            long events = eventCount();
            assertRefused(create("{\"name\": \"" + "n".repeat(256) + "\", \"pipelineId\": \"" + pipeline.id()
                    + "\"}"), 422, "validation", events);
        }

        @Test
        void unknownPipeline() {
            long events = eventCount();
            assertRefused(create("{\"name\": \"Deal\", \"pipelineId\": \"no-such-pipeline\"}"), 422,
                    "unknown-pipeline", events);
        }

        @Test
        void pipelineOfAnotherLocation() {
            PipelineSetup.CreatedPipeline foreign = setup.pipeline("elsewhere-" + location, "Lead");
            long events = eventCount();
            assertRefused(create("{\"name\": \"Deal\", \"pipelineId\": \"" + foreign.id() + "\"}"), 422,
                    "unknown-pipeline", events);
        }

        @Test
        void unknownStage() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"stageId\": \"no-such-stage\"")), 422, "unknown-stage", events);
        }

        @Test
        void negativeValue() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"monetaryValue\": -1")), 422, "invalid-monetary-value", events);
        }

        @Test
        void valueWithThreeDecimals() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"monetaryValue\": 10.125")), 422, "invalid-monetary-value",
                    events);
        }

        @Test
        void unknownCurrency() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"currency\": \"XYZ\"")), 422, "invalid-currency", events);
        }

        @Test
        void nestedCustomField() {
            long events = eventCount();
            assertRefused(create(withPipeline(", \"customFields\": {\"address\": {\"city\": \"Oslo\"}}")), 422,
                    "invalid-custom-fields", events);
        }

        @Test
        void malformedLocationId() {
            long events = eventCount();
            assertRefused(call("POST", "/api/v1/locations/" + "x".repeat(65) + "/opportunities",
                    withPipeline("")), 400, "bad-request", events);
            assertRefused(call("POST", "/api/v1/locations/bad.location/opportunities", withPipeline("")), 400,
                    "bad-request", events);
        }

        @Test
        void unknownOpportunity() {
            long events = eventCount();
            assertRefused(call("POST", opportunity("no-such-opportunity", "/move-stage"),
                    "{\"stageId\": \"" + pipeline.stage(1) + "\"}"), 404, "opportunity-not-found", events);
            assertRefused(call("PATCH", opportunity("no-such-opportunity", ""), "{\"name\": \"x\"}"), 404,
                    "opportunity-not-found", events);
        }

        @Test
        void opportunityOfAnotherLocationAnswersLikeAMissingOne() {
            String id = createOpportunity();
            String otherLocation = "/api/v1/locations/elsewhere-" + location + "/opportunities/";
            long events = eventCount();

            HttpResponse<String> foreign = call("POST", otherLocation + id + "/mark-won", "{}");
            HttpResponse<String> missing = call("POST", otherLocation + "no-such-opportunity/mark-won", "{}");
            assertRefused(foreign, 404, "opportunity-not-found", events);
            assertRefused(missing, 404, "opportunity-not-found", events);
            assertThat(json(foreign).get("detail").asText()).isEqualTo(
                    json(missing).get("detail").asText().replace("no-such-opportunity", id));
        }

        @Test
        void idOfAPipelineInsteadOfAnOpportunity() {
            long events = eventCount();
            assertRefused(call("POST", opportunity(pipeline.id(), "/mark-won"), "{}"), 404, "opportunity-not-found",
                    events);
        }

        @Test
        void stageOfAnotherPipeline() {
            String id = createOpportunity();
            PipelineSetup.CreatedPipeline other = setup.pipeline(location, "Elsewhere");
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/move-stage"), "{\"stageId\": \"" + other.stage(0) + "\"}"),
                    422, "unknown-stage", events);
        }

        @Test
        void moveWithoutStage() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/move-stage"), "{}"), 422, "validation", events);
        }

        @Test
        void staleIfMatch() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/move-stage"), "{\"stageId\": \"" + pipeline.stage(1) + "\"}",
                    "If-Match", "\"2\""), 412, "stale-version", events);
            assertRefused(call("DELETE", opportunity(id, ""), null, "If-Match", "\"7\""), 412, "stale-version",
                    events);
        }

        @Test
        void malformedIfMatch() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/mark-won"), "{}", "If-Match", "\"v1\""), 400, "bad-request",
                    events);
        }

        @Test
        void unknownLostReason() {
            String id = createOpportunity();
            String foreignReason = setup.lostReason("elsewhere-" + location, "Price");
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/mark-lost"), "{\"lostReasonId\": \"no-such-reason\"}"), 422,
                    "unknown-lost-reason", events);
            assertRefused(call("POST", opportunity(id, "/mark-lost"), "{\"lostReasonId\": \"" + foreignReason + "\"}"),
                    422, "unknown-lost-reason", events);
        }

        @Test
        void archivedLostReason() {
            String id = createOpportunity();
            HttpResponse<String> created = call("POST", at("/lost-reasons"), "{\"name\": \"Old reason\"}");
            String reason = json(created).get("id").asText();
            assertThat(call("DELETE", at("/lost-reasons/" + reason), null).statusCode()).isEqualTo(200);
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/mark-lost"), "{\"lostReasonId\": \"" + reason + "\"}"),
                    422, "archived-lost-reason", events);
        }

        @Test
        void lostReasonOver255Characters() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/mark-lost"), "{\"lostReason\": \"" + "r".repeat(256) + "\"}"),
                    422, "validation", events);
        }

        @Test
        void patchThatClearsTheNameOrBreaksTheValue() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("PATCH", opportunity(id, ""), "{\"name\": null}"), 422, "invalid-name", events);
            assertRefused(call("PATCH", opportunity(id, ""), "{\"name\": \"ok\", \"monetaryValue\": -3}"), 422,
                    "invalid-monetary-value", events);
            assertRefused(call("PATCH", opportunity(id, ""), "{\"currency\": \"usd\"}"), 422, "invalid-currency",
                    events);
        }

        @Test
        void unknownTask() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/tasks/no-such-task/complete"), null), 404, "task-not-found",
                    events);
        }

        @Test
        void blankNoteAndTaskTitle() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/notes"), "{\"body\": \" \"}"), 422, "validation", events);
            assertRefused(call("POST", opportunity(id, "/tasks"), "{\"title\": \"\"}"), 422, "validation", events);
            assertRefused(call("POST", opportunity(id, "/tasks"), "{\"title\": \"t\", \"dueAt\": \"tomorrow\"}"), 400,
                    "malformed-request", events);
        }

        @Test
        void emptyFollowerList() {
            String id = createOpportunity();
            long events = eventCount();
            assertRefused(call("POST", opportunity(id, "/followers"), "{\"followers\": []}"), 422, "validation",
                    events);
        }
    }

    @Test
    void answersThePatchBodyShapeItDocuments() {
        // Guards the Optional mapping: a missing field leaves a facet alone, an explicit null clears it.
        String id = createOpportunity();
        call("PATCH", opportunity(id, ""), "{\"assignedTo\": \"u-1\"}");
        long events = eventCount();

        assertThat(version(call("PATCH", opportunity(id, ""), "{\"name\": \"Big deal\"}"))).isEqualTo(2);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(version(call("PATCH", opportunity(id, ""), "{\"assignedTo\": null}"))).isEqualTo(3);
        assertThat(payloads(id, "OpportunityOwnerAssigned")).extracting(node -> node.get("assignedTo").isNull())
                .containsExactly(false, true);
        assertThat(eventCount()).isEqualTo(events + 1);
    }
}
