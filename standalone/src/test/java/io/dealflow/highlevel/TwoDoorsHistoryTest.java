package io.dealflow.highlevel;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One domain, two doors: a deal changed alternately through the HighLevel door and the native API has one history,
 * one version counter, and each event records the door it came through.
 */
class TwoDoorsHistoryTest extends HighLevelApiTest {

    @Test
    void oneDealChangedThroughBothDoorsHasOneConsistentHistory() {
        JsonNode pipeline = pipeline("Lead", "Demo", "Proposal");
        String id = opportunity(pipeline, "Deal", "c-1", "\"monetaryValue\": 100").get("id").asText();

        HttpResponse<String> moved = call("POST", at("/opportunities/" + id + "/move-stage"),
                "{\"stageId\": \"" + stageId(pipeline, 1) + "\"}");
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        assertThat(json(moved).get("version").asLong()).isEqualTo(2);
        assertThat(hl("PUT", "/opportunities/" + id, "{\"monetaryValue\": 250}").statusCode()).isEqualTo(200);
        HttpResponse<String> won = call("POST", at("/opportunities/" + id + "/mark-won"), "{}");
        assertThat(json(won).get("version").asLong()).isEqualTo(4);
        assertThat(hl("PUT", "/opportunities/" + id + "/status", "{\"status\": \"open\"}").statusCode())
                .isEqualTo(200);

        assertThat(history(id)).containsExactly("OpportunityCreated highlevel", "OpportunityStageMoved native",
                "OpportunityValueChanged highlevel", "OpportunityWon native", "OpportunityReopened highlevel");
        JsonNode highLevel = json(hl("GET", "/opportunities/" + id, null)).get("opportunity");
        assertThat(highLevel.get("indexVersion").asLong()).isEqualTo(5);
        assertThat(highLevel.get("pipelineStageId").asText()).isEqualTo(stageId(pipeline, 1));
        assertThat(highLevel.get("monetaryValue").asInt()).isEqualTo(250);
        assertThat(highLevel.get("status").asText()).isEqualTo("open");
        HttpResponse<String> nativeView = call("GET", at("/opportunities/" + id), null, "Consistency-Token",
                json(won).get("consistencyToken").asText());
        assertThat(json(nativeView).get("version").asLong()).isEqualTo(5);
        assertThat(json(nativeView).get("stageId").asText()).isEqualTo(stageId(pipeline, 1));
    }
}
