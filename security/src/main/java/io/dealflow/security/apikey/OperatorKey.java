package io.dealflow.security.apikey;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

/**
 * Makes sure an operator can always get in, and that nobody else can: on start, the configured bootstrap key is
 * created (or kept); when there is none and no key exists at all, a fresh operator key is generated, logged once and
 * written to {@code <data-dir>/operator.key} readable by the owner only. There is never an open default.
 */
class OperatorKey implements InitializingBean {

    static final String KEY_FILE = "operator.key";
    /** Below this length a bootstrap key is accepted with a warning: it is likely guessable. */
    static final int ADVISED_BOOTSTRAP_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(OperatorKey.class);

    private final ApiKeys keys;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final String bootstrapKey;
    private final Integer rateLimitPer10s;
    private final Path dataDir;

    OperatorKey(ApiKeys keys, JdbcTemplate jdbc, TransactionTemplate transaction, String bootstrapKey,
                Integer rateLimitPer10s, Path dataDir) {
        this.keys = keys;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.bootstrapKey = bootstrapKey == null || bootstrapKey.isBlank() ? null : bootstrapKey.trim();
        this.rateLimitPer10s = rateLimitPer10s;
        this.dataDir = dataDir;
    }

    @Override
    public void afterPropertiesSet() {
        if (bootstrapKey != null && bootstrapKey.length() < ADVISED_BOOTSTRAP_LENGTH) {
            log.warn("dealflow.security.bootstrap-key is shorter than {} characters; use a long random key outside"
                    + " development", ADVISED_BOOTSTRAP_LENGTH);
        }
        transaction.executeWithoutResult(status -> {
            // Instances starting together on one database must not each create an operator key.
            jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('dealflow.security.operator-key'))");
            if (bootstrapKey != null) {
                keepBootstrapKey();
            } else if (!keys.any()) {
                generateOperatorKey();
            }
        });
    }

    private void keepBootstrapKey() {
        var existing = keys.findBySecret(bootstrapKey);
        if (existing.isEmpty()) {
            ApiKey key = create("operator (bootstrap key)", bootstrapKey);
            log.info("Created the operator key {} from dealflow.security.bootstrap-key", key.id());
        } else if (existing.get().revoked()) {
            // A revocation through the API wins over configuration: the key may have leaked.
            log.warn("dealflow.security.bootstrap-key names the revoked key {}; it stays revoked",
                    existing.get().id());
        }
    }

    private void generateOperatorKey() {
        String secret = ApiKeySecrets.generate();
        ApiKey key = create("operator (generated)", secret);
        Path file = dataDir.resolve(KEY_FILE);
        writeOwnerOnly(file, secret);
        log.warn("No API key existed, so an operator key with every scope on every location was generated. It is shown"
                + " only this once and kept in {} (owner-only): {} (key id {})", file.toAbsolutePath(), secret,
                key.id());
    }

    private ApiKey create(String name, String secret) {
        return keys.create(UUID.randomUUID().toString(), secret, name, List.of(ApiKey.ALL_LOCATIONS),
                EnumSet.allOf(Scope.class), rateLimitPer10s);
    }

    private static void writeOwnerOnly(Path file, String secret) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
                Files.createFile(file, ownerOnly);
            }
            Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the operator key to " + file, e);
        }
    }
}
