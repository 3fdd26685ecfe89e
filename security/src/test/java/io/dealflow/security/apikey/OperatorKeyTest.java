package io.dealflow.security.apikey;

import io.dealflow.security.testapp.SecurityTestApplication;
import io.dealflow.security.testsupport.KeyClient;
import io.dealflow.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start without any key and without a bootstrap key: the server makes an operator key and hands it over in
 * the data directory only.
 */
@SpringBootTest(classes = SecurityTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.flyway.enabled=false", "axon.axonserver.enabled=false",
                "axoniq.update-checker.disabled=true"})
class OperatorKeyTest {

    private static final Path DATA_DIR = Path.of("target", "operator-key-test-" + UUID.randomUUID());

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("dealflow.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OperatorKey operatorKey;

    @Test
    void generatesAnOperatorKeyReadableByTheOwnerOnly() throws IOException {
        Path file = DATA_DIR.resolve(OperatorKey.KEY_FILE);
        String secret = Files.readString(file).trim();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(secret).startsWith(ApiKeySecrets.PREFIX);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.api_key WHERE key_hash = ?", Long.class,
                ApiKeySecrets.hash(secret))).isEqualTo(1);
        var list = new KeyClient(port).call(secret, "GET", "/api/v1/admin/api-keys", null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(new KeyClient(port).call(null, "GET", "/api/v1/admin/api-keys", null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void generatesNoSecondKeyOnTheNextStart() throws IOException {
        String secret = Files.readString(DATA_DIR.resolve(OperatorKey.KEY_FILE)).trim();

        operatorKey.afterPropertiesSet();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM security.api_key", Long.class)).isEqualTo(1);
        assertThat(Files.readString(DATA_DIR.resolve(OperatorKey.KEY_FILE)).trim()).isEqualTo(secret);
    }
}
