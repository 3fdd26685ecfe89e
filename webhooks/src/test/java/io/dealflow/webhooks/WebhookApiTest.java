package io.dealflow.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.testsupport.TestDatabase;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Base of the webhook module's HTTP tests: the module alone on a random port, a fresh embedded PostgreSQL database
 * per test class, a clock the test moves, and a plain JDK HTTP client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({WebhookApiTest.TestClock.class, OpportunityEvents.class})
public abstract class WebhookApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected MovableClock clock;
    @Autowired
    protected OpportunityEvents events;

    protected final HttpClient http = HttpClient.newHttpClient();
    protected final ObjectMapper json = new ObjectMapper();
    /** A location of its own for each test, so tests never see each other's data. */
    protected String location;

    @BeforeEach
    void newLocation() {
        // Event timestamps follow the test's clock too, so events appended after a jump are as new as the module
        // thinks. A static of Axon's, hence set per test: cached contexts each have their own clock.
        GenericEventMessage.clock = clock;
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Sends a request with a JSON body (null for none); answers status, headers and body. */
    protected HttpResponse<String> call(String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    /** Path under this test's location, e.g. {@code at("/webhooks")}. */
    protected String at(String path) {
        return "/api/v1/locations/" + location + path;
    }

    protected JsonNode read(HttpResponse<String> response) {
        return read(response.body());
    }

    protected JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** Subscribes the URL to the event types; answers the created subscription (with its secret). */
    protected JsonNode subscribe(String url, String... types) {
        String list = String.join("\",\"", types);
        HttpResponse<String> response = call("POST", at("/webhooks"),
                "{\"url\":\"" + url + "\",\"events\":[\"" + list + "\"]}");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscribe answered " + response.statusCode() + ": " + response.body());
        }
        return read(response);
    }

    /** Subscriptions and deliveries of this test's location: bad input must leave them alone. */
    protected long rowsHere() {
        Long count = jdbc.queryForObject("SELECT (SELECT count(*) FROM webhooks.subscription WHERE location_id = ?)"
                + " + (SELECT count(*) FROM webhooks.delivery d JOIN webhooks.subscription s"
                + " ON s.subscription_id = d.subscription_id WHERE s.location_id = ?)", Long.class, location, location);
        return count == null ? 0 : count;
    }
}
