package io.dealflow.webhooks.stale;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StaleTriggerTest extends WebhookApiTest {

    @Autowired
    StaleTrigger trigger;

    @Test
    void reportsOpenOpportunityOnceAfterThePeriodAndAgainAfterAMove() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            subscribe(receiver.url(), "OpportunityWentStale");
            assertThat(call("PUT", at("/webhooks/stale-settings/p-1"), "{\"staleAfterDays\":3}").statusCode())
                    .isEqualTo(200);
            String idle = "opp-" + UUID.randomUUID();
            String won = "opp-" + UUID.randomUUID();
            String otherPipeline = "opp-" + UUID.randomUUID();
            events.append(idle, created(idle, location, "p-1", "s-1"));
            events.append(won, created(won, location, "p-1", "s-1"), new OpportunityWon(won, location));
            events.append(otherPipeline, created(otherPipeline, location, "p-2", "s-1"));
            await().atMost(Duration.ofSeconds(20)).until(() -> snapshotVersion(won) == 2
                    && snapshotVersion(idle) == 1 && snapshotVersion(otherPipeline) == 1);

            clock.advance(Duration.ofDays(2));
            trigger.scan();
            assertThat(staleEvents()).isZero();

            clock.advance(Duration.ofDays(2));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 1);
            trigger.scan();
            assertThat(staleEvents()).isEqualTo(1);
            JsonNode stale = read(receiver.acceptedOnce().get(0).body());
            assertThat(stale.get("type").asText()).isEqualTo("OpportunityWentStale");
            assertThat(stale.get("opportunity").get("id").asText()).isEqualTo(idle);
            assertThat(stale.get("sequence").asLong()).isZero();

            events.append(idle, moved(idle, location, "p-1", "s-1", "s-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> snapshotVersion(idle) == 2);
            trigger.scan();
            assertThat(staleEvents()).isEqualTo(1);

            clock.advance(Duration.ofDays(4));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.acceptedOnce().size() == 2);
            JsonNode again = read(receiver.acceptedOnce().get(1).body());
            assertThat(again.get("opportunity").get("id").asText()).isEqualTo(idle);
            assertThat(again.get("opportunity").get("pipelineStageId").asText()).isEqualTo("s-2");
            assertThat(again.get("eventId").asText()).isNotEqualTo(stale.get("eventId").asText());
            trigger.scan();
            assertThat(staleEvents()).isEqualTo(2);
        }
    }

    @Test
    void managesSettingsPerPipeline() {
        assertThat(call("PUT", at("/webhooks/stale-settings/p-1"), "{\"staleAfterDays\":7}").statusCode())
                .isEqualTo(200);
        HttpResponse<String> replaced = call("PUT", at("/webhooks/stale-settings/p-1"), "{\"staleAfterDays\":14}");

        assertThat(read(replaced).get("staleAfterDays").asInt()).isEqualTo(14);
        assertThat(read(call("GET", at("/webhooks/stale-settings/p-1"), null)).get("staleAfterDays").asInt())
                .isEqualTo(14);
        assertThat(read(call("GET", at("/webhooks/stale-settings"), null)).get("items")).hasSize(1);
        assertThat(call("GET", "/api/v1/locations/elsewhere/webhooks/stale-settings/p-1", null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", at("/webhooks/stale-settings/p-1"), null).statusCode()).isEqualTo(204);
        assertThat(call("GET", at("/webhooks/stale-settings/p-1"), null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", at("/webhooks/stale-settings/p-1"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesBadSettings() {
        for (String body : new String[]{"{}", "{\"staleAfterDays\":0}", "{\"staleAfterDays\":3651}",
                "{\"staleAfterDays\":null}"}) {
            HttpResponse<String> response = call("PUT", at("/webhooks/stale-settings/p-1"), body);
            assertThat(response.statusCode()).as(body).isEqualTo(422);
            assertThat(read(response).get("errors").get(0).get("field").asText()).isEqualTo("staleAfterDays");
        }
        assertThat(call("PUT", at("/webhooks/stale-settings/p-1"), "{\"staleAfterDays\":1.5}").statusCode())
                .isEqualTo(400);
        assertThat(call("PUT", at("/webhooks/stale-settings/p-1"), "{\"staleAfterDays\":\"x\"}").statusCode())
                .isEqualTo(400);
        assertThat(call("PUT", at("/webhooks/stale-settings/p-1"), "nope").statusCode()).isEqualTo(400);
        assertThat(call("PUT", at("/webhooks/stale-settings/" + "p".repeat(256)), "{\"staleAfterDays\":3}")
                .statusCode()).isEqualTo(400);
        assertThat(read(call("GET", at("/webhooks/stale-settings"), null)).get("items")).isEmpty();
    }

    private long snapshotVersion(String opportunityId) {
        return jdbc.queryForList("SELECT state FROM webhooks.opportunity_snapshot WHERE opportunity_id = ?",
                String.class, opportunityId).stream().mapToLong(state -> {
                    try {
                        return json.readTree(state).get("version").asLong();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElse(0);
    }

    private long staleEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.webhook_event WHERE location_id = ?"
                + " AND event_type = 'OpportunityWentStale'", Long.class, location);
        return count == null ? 0 : count;
    }
}
