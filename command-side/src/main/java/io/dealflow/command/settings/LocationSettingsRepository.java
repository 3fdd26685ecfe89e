package io.dealflow.command.settings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Reads and writes {@code command_model.location_setting}, one row per location that ever changed a setting.
 */
@Repository
class LocationSettingsRepository {

    private final JdbcTemplate jdbc;

    LocationSettingsRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    LocationSettings find(String locationId) {
        return jdbc.query("""
                SELECT allow_duplicate_opportunity, updated_at, updated_by FROM command_model.location_setting
                WHERE location_id = ?""",
                (rs, n) -> new LocationSettings(locationId, (Boolean) rs.getObject("allow_duplicate_opportunity"),
                        rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by")), locationId)
                .stream().findFirst()
                .orElse(new LocationSettings(locationId, null, null, null));
    }

    void save(String locationId, boolean allowDuplicateOpportunity, Instant at, String actor) {
        jdbc.update("""
                INSERT INTO command_model.location_setting (location_id, allow_duplicate_opportunity, updated_at,
                    updated_by)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (location_id) DO UPDATE SET allow_duplicate_opportunity = EXCLUDED.allow_duplicate_opportunity,
                    updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""",
                locationId, allowDuplicateOpportunity, Timestamp.from(at), actor);
    }
}
