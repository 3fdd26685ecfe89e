package io.dealflow.security.apikey;

import io.dealflow.security.SecurityApiTest;
import io.dealflow.security.testsupport.KeyClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The key cache of the running application (this "instance") beside caches built here over the same database (other
 * "instances"): lookups served from memory, revocations honoured at once here and within a notification elsewhere,
 * the time-to-live, and what happens when the listening connection is lost.
 */
class KeyCacheTest extends SecurityApiTest {

    /** Far beyond any wait below, so only an eviction can explain a refused cached key. */
    private static final Duration NOTIFICATION_DELIVERY = Duration.ofSeconds(2);

    @Autowired
    ApiKeys keys;
    @Autowired
    KeyCache cache;
    @Autowired
    DataSource dataSource;

    private final List<KeyChangeListener> otherListeners = new ArrayList<>();

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(10)).until(cache::listening);
    }

    @AfterEach
    void stopOtherInstances() throws InterruptedException {
        for (KeyChangeListener listener : otherListeners) {
            listener.destroy();
        }
    }

    @Test
    void servesARepeatedKeyFromMemory() {
        KeyClient.Key key = client.create("busy", List.of("*"), List.of("reports.read"), null);
        assertThat(get(key)).isEqualTo(200);
        long reads = keys.tableReads();

        for (int i = 0; i < 20; i++) {
            assertThat(get(key)).isEqualTo(200);
        }

        assertThat(keys.tableReads()).isEqualTo(reads);
    }

    @Test
    void recordsLastUseOfKeysServedFromMemory() {
        KeyClient.Key key = cachedKey("recorded");
        jdbc.update("UPDATE security.api_key SET last_used_at = NULL WHERE id = ?", key.id());
        // A store that has written no use yet, sharing this instance's cache.
        var store = new ApiKeys(jdbc, Clock.systemUTC(), cache);

        store.recordUse(store.findBySecret(key.secret()).orElseThrow());

        assertThat(store.tableReads()).as("served from the cache").isZero();
        assertThat(lastUsed(key)).isNotNull();
    }

    @Test
    void refusesARevokedKeyOnTheNextRequest() {
        KeyClient.Key key = cachedKey("revoked here");

        client.revoke(key);

        assertThat(get(key)).isEqualTo(401);
    }

    @Test
    void evictsAKeyRevokedThroughTheStoreBeforeAnyNotification() {
        KeyClient.Key key = client.create("revoked through the store", List.of("*"), List.of("reports.read"), null);
        KeyCache unwatched = new KeyCache(Duration.ofSeconds(30), System::nanoTime);
        unwatched.startCaching();
        ApiKeys store = new ApiKeys(jdbc, Clock.systemUTC(), unwatched);
        store.findBySecret(key.secret());

        store.revoke(key.id());

        assertThat(store.findBySecret(key.secret())).hasValueSatisfying(found -> assertThat(found.revoked()).isTrue());
        assertThat(store.tableReads()).isEqualTo(2);
    }

    @Test
    void keepsNoKeyReadWhileAChangeWasReported() {
        KeyClient.Key key = client.create("changed while read", List.of("*"), List.of("reports.read"), null);
        KeyCache racing = new KeyCache(Duration.ofSeconds(30), System::nanoTime);
        racing.startCaching();
        ApiKeys store = new ApiKeys(jdbc, Clock.systemUTC(), racing);
        ApiKey stale = store.findBySecret(key.secret()).orElseThrow();
        racing.evict(key.id());

        racing.find(ApiKeySecrets.hash(key.secret()), hash -> {
            racing.evict(key.id());
            return Optional.of(stale);
        });

        assertThat(racing.size()).isZero();
    }

    @Test
    void refusesAKeyRevokedInSqlWithinANotification() {
        KeyClient.Key key = cachedKey("revoked in SQL");

        jdbc.update("UPDATE security.api_key SET revoked_at = now() WHERE id = ?", key.id());

        await().atMost(NOTIFICATION_DELIVERY).until(() -> get(key) == 401);
    }

    @Test
    void refusesAKeyWhoseScopesWereChangedInSqlWithinANotification() {
        KeyClient.Key key = cachedKey("narrowed in SQL");

        jdbc.update("UPDATE security.api_key SET scopes = '{audit.read}' WHERE id = ?", key.id());

        await().atMost(NOTIFICATION_DELIVERY).until(() -> get(key) == 403);
    }

    @Test
    void cachesNoUnknownKey() {
        String secret = ApiKeySecrets.generate();
        long reads = keys.tableReads();
        assertThat(client.call(secret, "GET", at("/reports/win-rate"), null).statusCode()).isEqualTo(401);
        assertThat(client.call(secret, "GET", at("/reports/win-rate"), null).statusCode()).isEqualTo(401);
        assertThat(keys.tableReads()).isEqualTo(reads + 2);

        otherInstance().create(UUID.randomUUID().toString(), secret, "made elsewhere", List.of("*"),
                EnumSet.of(Scope.REPORTS_READ), null);

        assertThat(client.call(secret, "GET", at("/reports/win-rate"), null).statusCode()).isEqualTo(200);
    }

    @Nested
    class OtherInstances {

        @Test
        void honourARevocationMadeHere() {
            KeyClient.Key key = client.create("known elsewhere", List.of("*"), List.of("reports.read"), null);
            ApiKeys other = otherInstance();
            assertThat(other.findBySecret(key.secret())).hasValueSatisfying(found -> assertThat(found.revoked())
                    .isFalse());
            long reads = other.tableReads();
            assertThat(other.findBySecret(key.secret())).isPresent();
            assertThat(other.tableReads()).as("cached over there").isEqualTo(reads);

            client.revoke(key);

            await().atMost(NOTIFICATION_DELIVERY).until(() -> other.findBySecret(key.secret()).orElseThrow()
                    .revoked());
        }

        @Test
        void haveTheirRevocationsHonouredHere() {
            KeyClient.Key key = cachedKey("revoked elsewhere");

            assertThat(otherInstance().revoke(key.id())).isTrue();

            await().atMost(NOTIFICATION_DELIVERY).until(() -> get(key) == 401);
        }
    }

    @Nested
    class TimeToLive {

        private final AtomicLong nanoTime = new AtomicLong();

        @Test
        void readsAKeyAgainOnceItsTimeIsUp() {
            KeyClient.Key key = client.create("expiring", List.of("*"), List.of("reports.read"), null);
            KeyCache expiring = new KeyCache(Duration.ofSeconds(30), nanoTime::get);
            expiring.startCaching();
            ApiKeys store = new ApiKeys(jdbc, Clock.systemUTC(), expiring);
            store.findBySecret(key.secret());

            nanoTime.addAndGet(Duration.ofSeconds(29).toNanos());
            store.findBySecret(key.secret());
            assertThat(store.tableReads()).isEqualTo(1);

            nanoTime.addAndGet(Duration.ofSeconds(1).toNanos());
            store.findBySecret(key.secret());
            assertThat(store.tableReads()).isEqualTo(2);
        }

        @Test
        void ofZeroCachesNothing() {
            KeyClient.Key key = client.create("never cached", List.of("*"), List.of("reports.read"), null);
            KeyCache off = new KeyCache(Duration.ZERO, nanoTime::get);
            off.startCaching();
            ApiKeys store = new ApiKeys(jdbc, Clock.systemUTC(), off);

            for (int i = 0; i < 3; i++) {
                store.findBySecret(key.secret());
            }

            assertThat(off.listening()).isFalse();
            assertThat(store.tableReads()).isEqualTo(3);
        }
    }

    @Nested
    class WithoutListener {

        @Test
        void cachesNothingWhileItCannotListen() {
            KeyClient.Key key = client.create("unwatched", List.of("*"), List.of("reports.read"), null);
            KeyCache unwatched = new KeyCache(Duration.ofSeconds(30), System::nanoTime);
            otherListeners.add(started(new KeyChangeListener(unwatched, () -> {
                throw new SQLException("the database is unreachable");
            })));
            ApiKeys store = new ApiKeys(jdbc, Clock.systemUTC(), unwatched);

            for (int i = 0; i < 3; i++) {
                store.findBySecret(key.secret());
            }

            assertThat(store.tableReads()).isEqualTo(3);
            assertThat(unwatched.size()).isZero();
        }

        @Test
        void forgetsEveryKeyWhenTheListeningConnectionIsLostAndCachesAgainOnceBack() throws SQLException {
            KeyClient.Key key = cachedKey("revoked unnoticed");
            revokeWithoutNotification(key);
            assertThat(get(key)).as("still cached: the revocation was not announced").isEqualTo(200);

            jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?"
                    + " AND datname = current_database()", KeyChangeListener.APPLICATION_NAME);

            await().atMost(NOTIFICATION_DELIVERY).until(() -> get(key) == 401);
            await().atMost(Duration.ofSeconds(10)).until(cache::listening);
            cachedKey("cached again");
        }

        /** A revocation whose notification gets lost: triggers are off for this one transaction. */
        private void revokeWithoutNotification(KeyClient.Key key) throws SQLException {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection
                    .createStatement()) {
                connection.setAutoCommit(false);
                statement.execute("SET LOCAL session_replication_role = replica");
                statement.execute("UPDATE security.api_key SET revoked_at = now() WHERE id = '" + key.id() + "'");
                connection.commit();
                connection.setAutoCommit(true);
            }
        }
    }

    /** A key used once, so that the next request finds it in the cache (checked). */
    private KeyClient.Key cachedKey(String name) {
        KeyClient.Key key = client.create(name, List.of("*"), List.of("reports.read"), null);
        assertThat(get(key)).isEqualTo(200);
        long reads = keys.tableReads();
        assertThat(get(key)).isEqualTo(200);
        assertThat(keys.tableReads()).as("served from the cache").isEqualTo(reads);
        return key;
    }

    /** The store of a second instance on the same database, listening for changes on its own connection. */
    private ApiKeys otherInstance() {
        KeyCache otherCache = new KeyCache(Duration.ofSeconds(30), System::nanoTime);
        otherListeners.add(started(new KeyChangeListener(otherCache, dataSource::getConnection)));
        await().atMost(Duration.ofSeconds(10)).until(otherCache::listening);
        return new ApiKeys(jdbc, Clock.systemUTC(), otherCache);
    }

    private static KeyChangeListener started(KeyChangeListener listener) {
        listener.afterPropertiesSet();
        return listener;
    }

    private int get(KeyClient.Key key) {
        return client.call(key.secret(), "GET", at("/reports/win-rate"), null).statusCode();
    }

    private Object lastUsed(KeyClient.Key key) {
        return jdbc.queryForObject("SELECT last_used_at FROM security.api_key WHERE id = ?", Object.class, key.id());
    }
}
