package io.dealflow.query;

import io.dealflow.security.access.AccessRules;
import io.dealflow.security.testsupport.EndpointSweep;
import io.dealflow.security.testsupport.KeyClient;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint the query side maps, read from the running application: 401 without a key or with a revoked one,
 * 403 without the scope, 404 from another location.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EndpointSecurityTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestKeys.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;
    @Autowired
    AccessRules rules;

    @TestFactory
    Stream<DynamicTest> everyMappedEndpointIsGuarded() {
        return new EndpointSweep(new KeyClient(port), rules, this::eventCount).tests(mapping);
    }

    @Test
    void servesHealthAndTheApiDocumentWithoutAKey() {
        KeyClient client = new KeyClient(port);
        assertThat(client.call(null, "GET", "/actuator/health", null).body()).contains("\"UP\"");
        assertThat(client.call(null, "GET", "/v3/api-docs", null).body()).contains("\"openapi\"");
        assertThat(client.call(null, "GET", "/api/v1/admin/api-keys", null).statusCode()).isEqualTo(401);
    }

    private long eventCount() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
