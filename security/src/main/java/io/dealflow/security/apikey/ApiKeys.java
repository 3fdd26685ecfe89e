package io.dealflow.security.apikey;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The API keys in PostgreSQL ({@code security.api_key}). Secrets are never stored: a key is found by the hash of the
 * secret a request presents. Found keys are cached by that hash for {@code dealflow.security.key-cache-ttl}; a
 * revocation evicts its key at once on this instance and, through a PostgreSQL notification, on every other instance
 * within the notification's delivery time. Should notifications be lost, it holds within the time-to-live. Unknown
 * secrets are never cached, so a key created on any instance works at once everywhere.
 */
public class ApiKeys {

    /** {@code last_used_at} is written at most this often per key, so busy keys cost no write per request. */
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private static final String COLUMNS =
            "id, name, locations, scopes, rate_limit_per_10s, created_at, last_used_at, revoked_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final KeyCache cache;
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();
    private final LongAdder tableReads = new LongAdder();

    ApiKeys(JdbcTemplate jdbc, Clock clock, KeyCache cache) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cache = cache;
    }

    /** Stores a key for this secret and returns it. */
    public ApiKey create(String id, String secret, String name, List<String> locations, Set<Scope> scopes,
                         Integer rateLimitPer10s) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("INSERT INTO security.api_key (id, name, key_hash, locations,"
                    + " scopes, rate_limit_per_10s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            insert.setString(1, id);
            insert.setString(2, name);
            insert.setString(3, ApiKeySecrets.hash(secret));
            insert.setArray(4, connection.createArrayOf("text", locations.toArray()));
            insert.setArray(5, connection.createArrayOf("text", scopes.stream().map(Scope::value).sorted().toArray()));
            insert.setObject(6, rateLimitPer10s);
            insert.setTimestamp(7, Timestamp.from(now));
            return insert;
        });
        return new ApiKey(id, name, locations, scopes, rateLimitPer10s, now, null, null);
    }

    /** The key whose secret this is, revoked or not: from the cache while fresh, else from the table. */
    public Optional<ApiKey> findBySecret(String secret) {
        return cache.find(ApiKeySecrets.hash(secret), this::findByHash);
    }

    /** Every key, oldest first. */
    public List<ApiKey> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM security.api_key ORDER BY created_at, id", ApiKeys::read);
    }

    /** The key with this id, revoked or not. */
    public Optional<ApiKey> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM security.api_key WHERE id = ?", ApiKeys::read, id)
                .stream().findFirst();
    }

    /** Whether any key was ever created. */
    public boolean any() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM security.api_key)",
                Boolean.class));
    }

    /** Revokes a key; false when there is no such key. Revoking twice keeps the first revocation time. */
    public boolean revoke(String id) {
        Timestamp now = Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        int found = jdbc.update("UPDATE security.api_key SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
                now, id);
        // The table's trigger tells every instance, this one included; evicting here too spares this instance the
        // notification's round trip.
        cache.evict(id);
        return found > 0;
    }

    /** Records that a key was used now, writing at most once per {@link #LAST_USE_RESOLUTION} for each key. */
    public void recordUse(ApiKey key) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant written = lastUseWritten.get(key.id());
        if (written != null && written.plus(LAST_USE_RESOLUTION).isAfter(now)) {
            return;
        }
        lastUseWritten.put(key.id(), now);
        jdbc.update("UPDATE security.api_key SET last_used_at = ? WHERE id = ?"
                + " AND (last_used_at IS NULL OR last_used_at < ?)",
                Timestamp.from(now), key.id(), Timestamp.from(now.minus(LAST_USE_RESOLUTION)));
    }

    /** How often keys were looked up in the table by secret, for tests and diagnostics. */
    long tableReads() {
        return tableReads.sum();
    }

    private Optional<ApiKey> findByHash(String keyHash) {
        tableReads.increment();
        return jdbc.query("SELECT " + COLUMNS + " FROM security.api_key WHERE key_hash = ?", ApiKeys::read, keyHash)
                .stream().findFirst();
    }

    private static ApiKey read(ResultSet row, int index) throws SQLException {
        Set<Scope> scopes = Arrays.stream(strings(row.getArray("scopes")))
                .map(Scope::parse)
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return new ApiKey(row.getString("id"), row.getString("name"), List.of(strings(row.getArray("locations"))),
                scopes, (Integer) row.getObject("rate_limit_per_10s"), instant(row, "created_at"),
                instant(row, "last_used_at"), instant(row, "revoked_at"));
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
