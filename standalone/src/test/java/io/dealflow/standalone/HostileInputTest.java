package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile client sends to the real endpoints: text PostgreSQL cannot hold anywhere in a command, JSON of the
 * wrong type, and bodies on commands that take none. Each is refused with a problem naming the field and changes
 * nothing, and the read side keeps projecting for everyone.
 */
class HostileInputTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "\\u0000";

    @Test
    void aNulAnywhereInACommandIsRefusedNamingTheFieldAndTheReadSideFlowsOn() {
        String pipelineId = pipeline();
        Map<String, String> bodies = Map.of(
                "name", "{\"name\":\"a" + NUL + "\",\"pipelineId\":\"" + pipelineId + "\"}",
                "tags[0]", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"tags\":[\"" + NUL + "\"]}",
                "source", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"source\":\"" + NUL + "\"}",
                "assignedTo", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"assignedTo\":\"x" + NUL + "\"}",
                "followers[0]", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"followers\":[\"" + NUL + "\"]}",
                "contact.name", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"contact\":{\"name\":\"" + NUL
                        + "\"}}",
                "customFields.k", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\",\"customFields\":{\"k\":\""
                        + NUL + "\"}}",
                "customFields.k\uFFFD", "{\"name\":\"d\",\"pipelineId\":\"" + pipelineId
                        + "\",\"customFields\":{\"k" + NUL + "\":1}}");
        bodies.forEach((field, body) -> {
            HttpResponse<String> response = call("POST", at("/opportunities"), body);
            assertThat(response.statusCode()).as(field + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).get("detail").asText()).isEqualTo(field + " contains a NUL character");
        });
        for (String[] refused : new String[][]{
                {"/pipelines", "{\"name\":\"p" + NUL + "\",\"stages\":[{\"name\":\"s\",\"winProbability\":1}]}"},
                {"/pipelines/" + pipelineId + "/stages", "{\"name\":\"s" + NUL + "\",\"winProbability\":1}"},
                {"/lost-reasons", "{\"name\":\"r" + NUL + "\"}"},
                {"/webhooks", "{\"url\":\"https://example.com/" + NUL + "\",\"events\":[\"OpportunityCreate\"]}"}}) {
            HttpResponse<String> response = call("POST", at(refused[0]), refused[1]);
            assertThat(response.statusCode()).as(refused[0] + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        }
        HttpResponse<String> key = call("POST", "/api/v1/admin/api-keys",
                "{\"name\":\"k" + NUL + "\",\"locations\":[\"*\"],\"scopes\":[\"admin\"]}");
        assertThat(key.statusCode()).isEqualTo(400);
        assertThat(json(key).get("detail").asText()).isEqualTo("name contains a NUL character");

        JsonNode created = created(call("POST", at("/opportunities"),
                "{\"name\":\"After\",\"pipelineId\":\"" + pipelineId + "\"}"));
        JsonNode search = json(call("GET", at("/opportunities?status=all"), null,
                "Consistency-Token", created.get("consistencyToken").asText()));
        assertThat(search.get("total").asInt()).as("only the clean deal went in, and it is projected").isEqualTo(1);
    }

    @Test
    void commandsWithoutInputStillParseTheirBody() {
        String id = created(call("POST", at("/opportunities"), "{\"name\":\"d\",\"pipelineId\":\"" + pipeline() + "\"}"))
                .get("id").asText();
        for (String command : new String[]{"/mark-won", "/mark-abandoned", "/restore"}) {
            for (String body : new String[]{"{", "{\"x\":1}", "[]", "\"won\""}) {
                HttpResponse<String> response = call("POST", at("/opportunities/" + id + command), body);
                assertThat(response.statusCode()).as(command + " " + body + ": " + response.body()).isEqualTo(400);
            }
        }
        JsonNode version = json(call("GET", at("/opportunities/" + id + "/history"), null));
        assertThat(version.get("items")).as("nothing but the creation happened").hasSize(1);

        assertThat(call("POST", at("/opportunities/" + id + "/mark-won"), "{}").statusCode()).isEqualTo(200);
        assertThat(call("POST", at("/opportunities/" + id + "/mark-abandoned"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void scalarsKeepTheirJsonTypeAndLengthsCountCharacters() {
        String pipelineId = pipeline();
        HttpResponse<String> number = call("POST", at("/opportunities"), "{\"name\":123,\"pipelineId\":\"" + pipelineId
                + "\"}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(json(number).get("detail").asText()).isEqualTo("name has the wrong type");
        HttpResponse<String> flag = call("PUT", at("/settings"), "{\"allowDuplicateOpportunity\":123}");
        assertThat(flag.statusCode()).isEqualTo(400);
        assertThat(json(flag).get("detail").asText()).isEqualTo("allowDuplicateOpportunity has the wrong type");

        String rocket = "\uD83D\uDE80";
        assertThat(call("POST", at("/opportunities"), "{\"name\":\"" + rocket.repeat(255) + "\",\"pipelineId\":\""
                + pipelineId + "\"}").statusCode()).as("255 characters, 510 UTF-16 units").isEqualTo(201);
        assertThat(call("POST", at("/opportunities"), "{\"name\":\"" + rocket.repeat(256) + "\",\"pipelineId\":\""
                + pipelineId + "\"}").statusCode()).isEqualTo(422);
    }

    @Test
    void aMalformedConsistencyTokenIsRefusedInTheShapeOfEachDoor() {
        String pipelineId = pipeline();
        for (String token : new String[]{"99999999999999999999", "-1", "1e999999999", "x"}) {
            HttpResponse<String> highLevel = call("GET", "/opportunities/pipelines/" + pipelineId, null,
                    "Consistency-Token", token);
            assertThat(highLevel.statusCode()).as(token + ": " + highLevel.body()).isEqualTo(400);
            assertThat(json(highLevel).get("message").asText()).startsWith("Consistency-Token ");
            HttpResponse<String> server = call("GET", at("/pipelines/" + pipelineId), null, "Consistency-Token", token);
            assertThat(server.statusCode()).as(token + ": " + server.body()).isEqualTo(400);
            assertThat(server.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
        }
    }

    @Test
    void aConsistencyTokenBeyondEveryStoredEventIsRefusedAtOnce() {
        String pipelineId = pipeline();
        long future = jdbc.queryForObject("SELECT max(global_index) FROM event_store.domain_event_entry", Long.class)
                + 1_000;
        long started = System.nanoTime();
        HttpResponse<String> answer = call("GET", at("/pipelines/" + pipelineId), null, "Consistency-Token",
                Long.toString(future));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(json(answer).get("detail").asText()).contains("beyond the last stored event");
        assertThat(System.nanoTime() - started).as("refused without waiting for the consistency timeout")
                .isLessThan(Duration.ofSeconds(4).toNanos());
    }

    @Test
    void aBodyTypeNothingCanReadIsRefusedWith415AndChangesNothing() {
        String pipelineId = pipeline();
        long events = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        byte[] body = ("{\"name\":\"d\",\"pipelineId\":\"" + pipelineId + "\"}").getBytes(StandardCharsets.UTF_8);
        for (String type : new String[]{"*/*", "application/*", "multipart/form-data", "multipart/form-data; boundary=x",
                "not a type"}) {
            RawHttp.Answer answer = RawHttp.send(port, "POST", at("/opportunities"),
                    List.of(new String[]{"Authorization", "Bearer " + OPERATOR_KEY}, new String[]{"Content-Type", type}),
                    body);
            assertThat(answer.status()).as(type + ": " + answer.body()).isEqualTo(415);
            assertThat(answer.contentType()).as(type).startsWith("application/problem+json");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class))
                .isEqualTo(events);
    }

    private String pipeline() {
        return created(call("POST", at("/pipelines"),
                "{\"name\":\"Sales\",\"stages\":[{\"name\":\"New\",\"winProbability\":10}]}")).get("id").asText();
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
