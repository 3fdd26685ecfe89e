package io.dealflow.command;

import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Base of the command side's HTTP tests: the real application on a random port, a fresh embedded PostgreSQL database
 * per test class, and a plain JDK HTTP client that sends the test operator key unless told otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestKeys.register(registry);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    protected final HttpClient http = HttpClient.newHttpClient();
    /** A location of its own for each test, so tests never see each other's data. */
    protected String location;

    @BeforeEach
    void newLocation() {
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Sends a request with the operator key, a JSON body (null for none) and extra header pairs; answers status,
     * headers and body. An {@code Authorization} pair among the headers replaces the operator key.
     */
    protected HttpResponse<String> call(String method, String path, String json, String... headers) {
        return callWithKey(TestKeys.OPERATOR, method, path, json, headers);
    }

    /** Like {@link #call} with another API key, or none when {@code key} is null. */
    protected HttpResponse<String> callWithKey(String key, String method, String path, String json,
                                               String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (key != null) {
            request.setHeader("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** Path under this test's location, e.g. {@code at("/pipelines")}. */
    protected String at(String path) {
        return "/api/v1/locations/" + location + path;
    }

    /** Number of events in the store: bad input must leave it unchanged. */
    protected long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
