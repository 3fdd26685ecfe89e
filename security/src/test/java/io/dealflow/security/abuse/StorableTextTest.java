package io.dealflow.security.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.security.SecurityApiTest;
import io.dealflow.security.testapp.ProbeController;
import io.dealflow.security.testsupport.KeyClient;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) is refused at the edge with 400 naming where it is, in every
 * body field (typed or free), parameter and header, and nothing reaches a handler; JSON scalars keep their type.
 */
class StorableTextTest extends SecurityApiTest {

    @Test
    void refusesANulOrUnpairedSurrogateAnywhereInTheBodyNamingTheField() {
        long writes = ProbeController.writes();

        assertRefused(call("POST", at("/opportunities"), "{\"name\": \"a\\u0000b\"}"), "name",
                "contains a NUL character");
        assertRefused(call("POST", at("/opportunities"), "{\"name\": \"lone \\ud83d here\"}"), "name",
                "contains an unpaired surrogate");
        assertRefused(call("POST", at("/opportunities"), "{\"name\": \"trail \\udc00\"}"), "name",
                "contains an unpaired surrogate");
        assertRefused(call("POST", at("/opportunities"), "{\"name\": \"ok\", \"details\": {\"tags\": [\"x\", \"\\u0000\"]}}"),
                "details.tags[1]", "contains a NUL character");
        assertRefused(call("POST", at("/opportunities"), "{\"name\": \"ok\", \"details\": {\"k\\u0000ey\": 1}}"),
                "details.k\uFFFDey", "contains a NUL character");

        assertThat(ProbeController.writes()).isEqualTo(writes);
    }

    @Test
    void acceptsPairedSurrogatesAndOtherText() {
        var response = call("POST", at("/opportunities"), "{\"name\": \"deal \\ud83d\\ude00 \uD83D\uDE80 é\", \"details\": {\"a\": [1, \"b\"]}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void refusesScalarsOfTheWrongJsonType() {
        long writes = ProbeController.writes();

        for (String body : new String[]{"{\"name\": 123}", "{\"name\": 1.5}", "{\"name\": true}"}) {
            var response = call("POST", at("/opportunities"), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(KeyClient.json(response).get("detail").asText()).as(body).isEqualTo("name has the wrong type");
        }
        assertThat(ProbeController.writes()).isEqualTo(writes);
    }

    @Test
    void refusesUnstorableTextInParameters() {
        var parameter = call("GET", at("/lost-reasons") + "?q=" + URLEncoder.encode("a\u0000", StandardCharsets.UTF_8),
                null);
        assertThat(parameter.statusCode()).isEqualTo(400);
        assertThat(KeyClient.json(parameter).get("detail").asText()).isEqualTo("parameter q contains a NUL character");
        assertThat(KeyClient.json(parameter).get("type").asText())
                .isEqualTo("https://dealflow.io/problems/unstorable-text");
    }

    private static void assertRefused(HttpResponse<String> response, String field, String reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = KeyClient.json(response);
        assertThat(problem.get("detail").asText()).isEqualTo(field + " " + reason);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    }
}
