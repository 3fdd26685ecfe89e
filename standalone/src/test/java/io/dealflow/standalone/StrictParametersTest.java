package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every parameter is read strictly (issue 16): instants outside the years 0001 to 9999, unbounded numbers and forged
 * or tampered cursors answer 400 problem+json naming the parameter and change nothing; valid ones keep working.
 * Shares its server with {@link StandaloneWebhookTest} (same properties) so a webhook may target loopback.
 */
@TestPropertySource(properties = "dealflow.webhooks.allow-private-targets=true")
class StrictParametersTest extends StandaloneApiTest {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String pipelineId;
    private String firstDeal;

    /** One pipeline with three open deals worth 240, 500 and 760. */
    @BeforeEach
    void deals() throws Exception {
        JsonNode pipeline = JSON.readTree(call("POST", at("/pipelines"),
                "{\"name\":\"Sales\",\"stages\":[{\"name\":\"Lead\",\"winProbability\":10}]}").body());
        pipelineId = pipeline.get("id").asText();
        String token = null;
        for (int value : new int[]{240, 500, 760}) {
            HttpResponse<String> created = call("POST", at("/opportunities"), "{\"name\":\"Deal " + value
                    + "\",\"pipelineId\":\"" + pipelineId + "\",\"monetaryValue\":" + value + "}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            token = created.headers().firstValue("Consistency-Token").orElseThrow();
            if (firstDeal == null) {
                firstDeal = JSON.readTree(created.body()).get("id").asText();
            }
        }
        String last = token;
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", at("/audit/events"), null,
                "Consistency-Token", last).statusCode() == 200
                && call("GET", at("/opportunities?limit=1"), null, "Consistency-Token", last).statusCode() == 200);
    }

    @Test
    void refusesInstantsOutsideTheYearsPostgresqlAndTheApiHold() {
        String far = encode(FAR_FUTURE);
        assertBadParameter(call("GET", at("/opportunities?createdFrom=" + far), null), "createdFrom");
        assertBadParameter(call("GET", at("/opportunities?createdTo=" + far), null), "createdTo");
        assertBadParameter(call("GET", at("/opportunities?createdFrom=" + encode("-0001-01-01T00:00:00Z")), null),
                "createdFrom");
        assertBadParameter(call("GET", at("/opportunities?createdTo=" + encode("10000-01-01")), null), "createdTo");
        assertBadParameter(call("GET", at("/reports/win-rate?from=" + far), null), "from");
        assertBadParameter(call("GET", at("/reports/win-rate?to=" + far), null), "to");
        assertBadParameter(call("GET", at("/opportunities/" + firstDeal + "?asOf=" + far), null), "asOf");
        assertBadParameter(call("GET", at("/pipelines/" + pipelineId + "/board?asOf=" + far), null), "asOf");
        assertBadParameter(call("GET", at("/audit/events?from=" + far), null), "from");
        assertBadParameter(call("GET", at("/audit/export?to=" + far), null), "to");
    }

    @Test
    void acceptsInstantsAndDatesInsideTheRange() throws Exception {
        assertThat(total("/opportunities?createdFrom=2000-01-01")).isEqualTo(3);
        assertThat(total("/opportunities?createdFrom=" + encode("0001-01-01T00:00:00Z")
                + "&createdTo=" + encode("9999-12-31T23:59:59.999+00:00"))).isEqualTo(3);
        assertThat(total("/opportunities?createdTo=" + encode("2000-01-01T00:00:00+02:00"))).isZero();
        assertThat(call("GET", at("/reports/win-rate?from=0001-01-01&to=9999-12-31T12:00:00Z"), null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", at("/opportunities/" + firstDeal + "?asOf=9999-12-31"), null).statusCode())
                .isEqualTo(200);
        assertThat(call("GET", at("/audit/events?from=0001-01-01&to=9999-12-31"), null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesUnboundedNumbersAndKeepsBoundedOnes() throws Exception {
        for (String value : List.of("1e999999999", "NaN", "Infinity", "-Infinity", "1e-999999999", "1e17",
                "0x10", "1" + "0".repeat(60))) {
            assertBadParameter(call("GET", at("/opportunities?valueMin=" + encode(value)), null), "valueMin");
            assertBadParameter(call("GET", at("/opportunities?valueMax=" + encode(value)), null), "valueMax");
        }
        assertBadParameter(call("GET", at("/opportunities?limit=99999999999"), null), "limit");
        assertThat(total("/opportunities?valueMin=500")).isEqualTo(2);
        assertThat(total("/opportunities?valueMin=2.4e2&valueMax=499.99")).isEqualTo(1);
    }

    @Test
    void refusesForgedSearchCursorsAndFollowsIssuedOnes() throws Exception {
        for (String sort : List.of("createdAt", "monetaryValue", "name")) {
            JsonNode first = page("/opportunities?status=all&limit=1&sort=" + sort, null);
            String cursor = first.get("nextCursor").asText();
            assertThat(page("/opportunities?status=all&limit=1&sort=" + sort, cursor).get("items")).hasSize(1);
            // A name key is any plain text, so only broken text is refused there.
            List<String> forged = sort.equals("name") ? List.of("\u0000", "\ud800", "x".repeat(2000))
                    : List.of("\u0000", FAR_FUTURE, "1e999999999", "\ud800", "x".repeat(2000));
            for (String key : forged) {
                assertBadParameter(call("GET", at("/opportunities?status=all&limit=1&sort=" + sort + "&cursor="
                        + tampered(cursor, 1, key)), null), "cursor");
            }
            assertBadParameter(call("GET", at("/opportunities?status=all&limit=1&sort=" + sort + "&cursor="
                    + tampered(cursor, 2, "id\u0000")), null), "cursor");
        }
        assertBadParameter(call("GET", at("/opportunities?cursor=" + encode("not base64 !")), null), "cursor");
        assertBadParameter(call("GET", at("/opportunities?cursor=" + base64("{\"a\":1}")), null), "cursor");
        assertBadParameter(call("GET", at("/opportunities?cursor=" + base64("[[1],{}]")), null), "cursor");
    }

    @Test
    void refusesForgedBoardHistoryAndAuditCursors() throws Exception {
        JsonNode board = JSON.readTree(call("GET", at("/pipelines/" + pipelineId + "/board?limit=1"), null).body());
        String boardCursor = board.get("stages").get(0).get("nextCursor").asText();
        assertThat(call("GET", at("/pipelines/" + pipelineId + "/board?limit=1&cursor=" + boardCursor), null)
                .statusCode()).isEqualTo(200);
        // Keys: stage id, last stage change (an instant), card id.
        for (String value : List.of("\u0000", FAR_FUTURE, "2026-13-01T00:00:00Z")) {
            assertBadParameter(call("GET", at("/pipelines/" + pipelineId + "/board?limit=1&cursor="
                    + tampered(boardCursor, 2, value)), null), "cursor");
        }
        for (int key : new int[]{1, 3}) {
            assertBadParameter(call("GET", at("/pipelines/" + pipelineId + "/board?limit=1&cursor="
                    + tampered(boardCursor, key, "x\u0000")), null), "cursor");
        }

        call("POST", at("/opportunities/" + firstDeal + "/mark-won"), "{}");
        String historyPath = "/opportunities/" + firstDeal + "/history?limit=1";
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", at(historyPath), null).statusCode() == 200);
        String historyCursor = JSON.readTree(call("GET", at(historyPath), null).body()).get("nextCursor").asText();
        assertThat(call("GET", at(historyPath + "&cursor=" + historyCursor), null).statusCode()).isEqualTo(200);
        String auditCursor = JSON.readTree(call("GET", at("/audit/events?limit=1"), null).body())
                .get("nextCursor").asText();
        assertThat(call("GET", at("/audit/events?limit=1&cursor=" + auditCursor), null).statusCode())
                .isEqualTo(200);
        for (String value : List.of("-1", "99999999999999999999", "1\u0000", "1e3")) {
            assertBadParameter(call("GET", at(historyPath + "&cursor=" + tampered(historyCursor, 1, value)), null),
                    "cursor");
            assertBadParameter(call("GET", at("/audit/events?limit=1&cursor=" + tampered(auditCursor, 1, value)),
                    null), "cursor");
        }
    }

    @Test
    void refusesBadWebhookReplaysAndCursorsWithoutQueueingAnything() throws Exception {
        HttpResponse<String> created = call("POST", at("/webhooks"),
                "{\"url\":\"http://127.0.0.1:9/hook\",\"events\":[\"OpportunityCreate\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String webhook = "/webhooks/" + JSON.readTree(created.body()).get("id").asText();
        long deliveries = deliveries();

        assertBadParameter(call("POST", at(webhook + "/replay?from=" + encode(FAR_FUTURE)), null), "from");
        assertBadParameter(call("POST", at(webhook + "/replay?from=" + encode("0000-12-31T23:59:59Z")), null),
                "from");
        assertBadParameter(call("POST", at(webhook + "/replay?from=yesterday"), null), "from");
        for (String id : List.of("\u0000", "99999999999999999999", "-5", "1e3")) {
            assertBadParameter(call("GET", at(webhook + "/deliveries?cursor=" + base64(id)), null), "cursor");
        }
        assertBadParameter(call("GET", at(webhook + "/deliveries?cursor=" + encode("%%%")), null), "cursor");
        assertThat(deliveries()).isEqualTo(deliveries);

        assertThat(call("POST", at(webhook + "/replay?from=2000-01-01T00:00:00Z"), null).statusCode())
                .isEqualTo(202);
        assertThat(call("GET", at(webhook + "/deliveries?cursor=" + base64("12")), null).statusCode())
                .isEqualTo(200);
    }

    private long deliveries() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.delivery", Long.class);
        return count == null ? 0 : count;
    }

    private long total(String path) throws Exception {
        HttpResponse<String> found = call("GET", at(path), null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body()).get("total").asLong();
    }

    private JsonNode page(String path, String cursor) throws Exception {
        HttpResponse<String> found = call("GET", at(path + (cursor == null ? "" : "&cursor=" + cursor)), null);
        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        return JSON.readTree(found.body());
    }

    /** The cursor with its value at {@code index} (0 is the query fingerprint) replaced, fingerprint kept. */
    private static String tampered(String cursor, int index, String value) throws Exception {
        ArrayNode values = (ArrayNode) JSON.readTree(Base64.getUrlDecoder().decode(cursor));
        values.set(index, values.textNode(value));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** 400 problem+json whose errors name the parameter. */
    static void assertBadParameter(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("type").asText()).startsWith("https://dealflow.io/problems/");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(parameter);
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
