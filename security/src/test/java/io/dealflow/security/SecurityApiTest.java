package io.dealflow.security;

import io.dealflow.security.testapp.SecurityTestApplication;
import io.dealflow.security.testsupport.KeyClient;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * Base of the module's HTTP tests: the probe application on a random port with the test operator key, on a fresh
 * embedded PostgreSQL database per test class.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.enabled=false", "axon.axonserver.enabled=false",
                "axoniq.update-checker.disabled=true"})
public abstract class SecurityApiTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestKeys.register(registry);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;

    protected KeyClient client;
    /** A location of its own for each test. */
    protected String location;

    @BeforeEach
    void connect() {
        client = new KeyClient(port);
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Calls with the operator key. */
    protected HttpResponse<String> call(String method, String path, String json) {
        return client.call(TestKeys.OPERATOR, method, path, json);
    }

    /** Path under this test's location. */
    protected String at(String path) {
        return "/api/v1/locations/" + location + path;
    }

    protected long keyCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM security.api_key", Long.class);
        return count == null ? 0 : count;
    }
}
