package io.dealflow.standalone.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.audit.verify.ExportVerifier;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code OpportunityLost} stored in revision 1 (reason id and text at the top level), written straight into the
 * event store as an old server would have, reads as revision 2 on every path: the aggregate, the projections (live
 * and rebuilt), the as-of detail and the history; the audit export shows the bytes as stored.
 */
class RevisionOneEventTest extends AuditApiTest {

    @Test
    void revisionOneBytesReadThroughEveryPath() {
        JsonNode pipeline = command("POST", at("/pipelines"), """
                {"name": "Legacy", "stages": [{"name": "Open", "winProbability": 50}]}""");
        String id = command("POST", at("/opportunities"), """
                {"name": "Old deal", "pipelineId": "%s", "monetaryValue": 10}"""
                .formatted(pipeline.get("id").asText())).get("id").asText();
        byte[] revisionOne = ("{\"opportunityId\":\"" + id + "\",\"locationId\":\"" + location
                + "\",\"lostReasonId\":null,\"lostReason\":\"legacy reason\"}").getBytes(StandardCharsets.UTF_8);
        Long index = jdbc.queryForObject("INSERT INTO " + EventStoreLayout.EVENT_TABLE + " (event_identifier,"
                        + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                        + " payload, meta_data) VALUES (?, ?, 1, 'Opportunity', ?, ?, '1', ?, ?)"
                        + " RETURNING global_index",
                Long.class, UUID.randomUUID().toString(), id, Instant.now().toString(), OpportunityLost.class.getName(),
                revisionOne, "{\"actor\":\"legacy-import\"}".getBytes(StandardCharsets.UTF_8));
        token = Long.toString(index);
        Instant afterLoss = between();

        JsonNode detail = read(at("/opportunities/" + id));
        assertThat(detail.get("status").asText()).isEqualTo("lost");
        assertThat(detail.get("lostReason").asText()).isEqualTo("legacy reason");
        assertThat(read(at("/opportunities/" + id + "?asOf=" + afterLoss))).isEqualTo(detail);
        JsonNode lost = read(at("/opportunities/" + id + "/history")).get("items").get(1);
        assertThat(lost.get("type").asText()).isEqualTo("OpportunityLost");
        assertThat(lost.get("actor").asText()).isEqualTo("legacy-import");
        assertThat(lost.get("data").get("reason").get("text").asText()).isEqualTo("legacy reason");

        assertThat(command("POST", at("/opportunities/" + id + "/mark-lost"), "{\"lostReason\": \"legacy reason\"}")
                .get("version").asInt()).as("the aggregate read the reason: losing again for it changes nothing")
                .isEqualTo(2);
        assertThat(command("POST", at("/opportunities/" + id + "/reopen"), "{}").get("version").asInt()).isEqualTo(3);

        assertThat(call("POST", "/api/v1/admin/projections/opportunities/rebuild", null).statusCode()).isEqualTo(202);
        await().until(() -> read("/api/v1/admin/projections").findValues("rebuild").stream()
                .anyMatch(rebuild -> !rebuild.isNull() && rebuild.get("projection").asText().equals("opportunities")
                        && rebuild.get("state").asText().equals("done")));
        assertThat(read(at("/opportunities/" + id + "?asOf=" + afterLoss)).get("lostReason").asText())
                .isEqualTo("legacy reason");
        assertThat(read(at("/opportunities/" + id)).get("status").asText()).isEqualTo("open");

        byte[] export = call("GET", at("/audit/export"), null, "Consistency-Token", token).body()
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ExportVerifier.verify(export).valid()).isTrue();
        assertThat(new String(export, StandardCharsets.UTF_8)).contains("\"lostReason\":\"legacy reason\"")
                .contains("\"payloadRevision\":\"1\"");
    }

    @Test
    void adminEndpointsShowProgressAndRefuseUnknownProjections() {
        command("POST", at("/lost-reasons"), "{\"name\": \"Timing\"}");
        JsonNode projections = read("/api/v1/admin/projections");
        assertThat(projections).hasSizeGreaterThanOrEqualTo(5);
        for (JsonNode projection : projections) {
            assertThat(projection.get("headPosition").asLong()).isGreaterThanOrEqualTo(Long.parseLong(token));
            assertThat(projection.get("lag").asLong()).isEqualTo(
                    projection.get("headPosition").asLong() - projection.get("position").asLong());
            assertThat(projection.has("replaying")).isTrue();
        }
        var unknown = call("POST", "/api/v1/admin/projections/no-such-thing/rebuild", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        JsonNode reader = apiKey("reader-" + location, "opportunities.readonly");
        assertThat(send(reader.get("key").asText(), "GET", "/api/v1/admin/projections", null).statusCode())
                .isEqualTo(403);
        assertThat(send(reader.get("key").asText(), "POST", "/api/v1/admin/projections/board/rebuild", null)
                .statusCode()).isEqualTo(403);

        HttpResponse<String> created = call("POST", "/api/v1/admin/api-keys", """
                {"name": "location admin", "locations": ["%s"], "scopes": ["admin"]}""".formatted(location));
        String locationAdmin = parse(created.body()).get("key").asText();
        HttpResponse<String> list = send(locationAdmin, "GET", "/api/v1/admin/projections", null);
        HttpResponse<String> rebuild = send(locationAdmin, "POST", "/api/v1/admin/projections/board/rebuild", null);
        assertThat(list.statusCode()).as("projections span every location").isEqualTo(403);
        assertThat(rebuild.statusCode()).isEqualTo(403);
        assertThat(list.headers().firstValue("Content-Type").orElseThrow()).contains("application/problem+json");
        String globalAdmin = apiKey("global admin " + location, "admin").get("key").asText();
        assertThat(send(globalAdmin, "GET", "/api/v1/admin/projections", null).statusCode()).isEqualTo(200);
    }
}
