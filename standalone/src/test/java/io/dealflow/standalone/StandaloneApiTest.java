package io.dealflow.standalone;

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
 * Base of end-to-end tests: both sides in one server on a random port, over a fresh embedded PostgreSQL database,
 * driven through real HTTP with the operator key. A read with a {@code Consistency-Token} waits up to 20 s here, not
 * 5: on a loaded CI machine the projections can fall more than 5 s behind, and a test setting up its data would
 * then meet a 503 that says nothing about what it tests.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dealflow.security.bootstrap-key=" + StandaloneApiTest.OPERATOR_KEY,
                "dealflow.projections.consistency-timeout=20s"})
public abstract class StandaloneApiTest {

    protected static final String OPERATOR_KEY = "df_test_operator_key_standalone_0123456789";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    protected final HttpClient http = HttpClient.newHttpClient();
    /** A location of its own for each test. */
    protected String location;

    @BeforeEach
    void newLocation() {
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a request with a JSON body (null for none) and extra header pairs, with the operator key. */
    protected HttpResponse<String> call(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + OPERATOR_KEY);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
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
}
