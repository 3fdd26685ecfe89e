package io.dealflow.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Base of the query side's HTTP tests: the real application on a random port and an embedded PostgreSQL database,
 * events appended to the real event store, answers read over real HTTP with a plain JDK client.
 */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class QueryApiTest {

    protected static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestKeys.register(registry);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected PlatformTransactionManager transactionManager;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected EventLog events;
    /** A location of its own for each test, so tests never see each other's data. */
    protected String location;

    @BeforeEach
    void newLocation() {
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        events = new EventLog(eventStore, jdbc, transactionManager);
    }

    /** GET with the operator key and extra header pairs; answers status, headers and body. */
    protected HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + TestKeys.OPERATOR);
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] != null) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        try {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that waits for the given consistency token, expecting 200; answers the parsed body. */
    protected JsonNode read(String path, String consistencyToken) {
        HttpResponse<String> response = get(path, "Consistency-Token", consistencyToken);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path under this test's location, e.g. {@code at("/pipelines")}. */
    protected String at(String path) {
        return "/api/v1/locations/" + location + path;
    }

    /** The {@code id} of each element of an array, in order. */
    protected static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.get("id").asText()));
        return ids;
    }

    protected static String newId() {
        return UUID.randomUUID().toString();
    }
}
