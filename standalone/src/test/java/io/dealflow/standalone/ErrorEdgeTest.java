package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One error edge (issue 16): what Tomcat refuses before any filter runs (a malformed request line, an over-long URL
 * or header block, control characters in a header) and what Spring's error page answers come as problem+json, and
 * in HighLevel's shape on HighLevel's paths; never Tomcat's HTML page or Boot's error JSON. Sent over raw sockets,
 * as an HTTP client would refuse to send most of them.
 */
class ErrorEdgeTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersAMalformedRequestLineWithAProblem() throws Exception {
        assertProblem(raw("GET /api/v1/locations/x/pipelines HTTP/1.1 extra\r\nHost: localhost\r\n\r\n"), 400);
        assertProblem(raw("G{T /api/v1/locations/x/pipelines HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
        assertProblem(raw("GET /api/v1/locations/x/pipelines?a=\u0001 HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400);
    }

    @Test
    void answersAnOverLongUrlAndHeaderBlockWithAProblem() throws Exception {
        String longQuery = "q=" + "a".repeat(20_000);
        assertProblem(raw("GET /api/v1/locations/x/opportunities?" + longQuery + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + OPERATOR_KEY + "\r\n\r\n"), 400);
        assertProblem(raw("GET /api/v1/locations/x/pipelines HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                + "b".repeat(20_000) + "\r\n\r\n"), 400);
    }

    @Test
    void answersControlCharactersInHeadersWithAProblem() throws Exception {
        assertProblem(raw("GET /api/v1/locations/x/pipelines HTTP/1.1\r\nHost: localhost\r\nX-Test: a\u0001b\r\n\r\n"),
                400);
        assertProblem(raw("GET /api/v1/locations/x/pipelines HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n"),
                400);
    }

    @Test
    void answersTomcatRefusalsOnHighLevelPathsInHighLevelsShape() throws Exception {
        for (String request : new String[]{
                "GET /opportunities/search HTTP/1.1\r\nHost: localhost\r\nX-Test: a\u0001b\r\n\r\n",
                "GET /opportunities/search HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000)
                        + "\r\n\r\n"}) {
            String answer = raw(request);
            assertThat(status(answer)).as(answer).isEqualTo(400);
            assertThat(header(answer, "content-type")).as(answer).startsWith("application/json");
            JsonNode body = JSON.readTree(body(answer));
            assertThat(body.get("statusCode").asInt()).isEqualTo(400);
            assertThat(body.get("error").asText()).isEqualTo("Bad Request");
            assertThat(body.has("message")).isTrue();
        }
        // A request line too long to read has no path to go by: a problem, as anywhere else.
        assertProblem(raw("GET /opportunities/search?q=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "\r\n"), 400);
    }

    @Test
    void answersWhatSpringsErrorPageAnswersWithAProblem() throws Exception {
        // Asking for HTML gets a problem all the same: there is no HTML page.
        HttpResponse<String> unknown = call("GET", "/api/v1/no-such-thing", null, "Accept", "text/html");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(unknown.body()).get("type").asText()).startsWith("https://dealflow.io/problems/");

        String direct = raw("GET /error HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
                + "Authorization: Bearer " + OPERATOR_KEY + "\r\nConnection: close\r\n\r\n");
        assertThat(header(direct, "content-type")).as(direct).startsWith("application/problem+json");
    }

    @Test
    void keepsAnsweringValidRequests() throws Exception {
        String ok = raw("GET /api/v1/locations/" + location + "/pipelines HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + OPERATOR_KEY + "\r\nConnection: close\r\n\r\n");
        assertThat(status(ok)).as(ok).isEqualTo(200);
    }

    private void assertProblem(String answer, int status) throws IOException {
        assertThat(status(answer)).as(answer).isEqualTo(status);
        assertThat(header(answer, "content-type")).as(answer).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(body(answer));
        assertThat(problem.get("type").asText()).startsWith("https://dealflow.io/problems/");
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
    }

    /** Sends bytes as they are and reads the answer until the server closes or stays quiet. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                    if (complete(answer.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException stopped) {
                // what arrived is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String length = header(answer, "content-length");
        return length != null && answer.length() - end - 4 >= Integer.parseInt(length.trim());
    }

    private static int status(String answer) {
        return answer.length() < 12 ? -1 : Integer.parseInt(answer.substring(9, 12));
    }

    private static String header(String answer, String name) {
        int end = answer.indexOf("\r\n\r\n");
        for (String line : answer.substring(0, Math.max(end, 0)).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** The body, de-chunked when the answer is chunked. */
    private static String body(String answer) {
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        if (!"chunked".equalsIgnoreCase(String.valueOf(header(answer, "transfer-encoding")))) {
            return body;
        }
        StringBuilder joined = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                break;
            }
            joined.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        return joined.toString();
    }
}
