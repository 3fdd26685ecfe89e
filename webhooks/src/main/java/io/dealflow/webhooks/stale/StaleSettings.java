package io.dealflow.webhooks.stale;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stale settings per pipeline ({@code webhooks.stale_setting}).
 */
@Component
class StaleSettings {

    private static final RowMapper<StaleSetting> ROW = (rs, row) -> new StaleSetting(rs.getString("pipeline_id"),
            rs.getInt("stale_after_days"), rs.getTimestamp("updated_at").toInstant());

    private final JdbcTemplate jdbc;

    StaleSettings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<StaleSetting> list(String locationId) {
        return jdbc.query("SELECT pipeline_id, stale_after_days, updated_at FROM webhooks.stale_setting"
                + " WHERE location_id = ? ORDER BY pipeline_id", ROW, locationId);
    }

    Optional<StaleSetting> find(String locationId, String pipelineId) {
        return jdbc.query("SELECT pipeline_id, stale_after_days, updated_at FROM webhooks.stale_setting"
                + " WHERE location_id = ? AND pipeline_id = ?", ROW, locationId, pipelineId).stream().findFirst();
    }

    void save(String locationId, String pipelineId, int staleAfterDays, Instant now) {
        jdbc.update("INSERT INTO webhooks.stale_setting (location_id, pipeline_id, stale_after_days, updated_at)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (location_id, pipeline_id)"
                        + " DO UPDATE SET stale_after_days = excluded.stale_after_days,"
                        + " updated_at = excluded.updated_at",
                locationId, pipelineId, staleAfterDays, Timestamp.from(now));
    }

    boolean delete(String locationId, String pipelineId) {
        return jdbc.update("DELETE FROM webhooks.stale_setting WHERE location_id = ? AND pipeline_id = ?",
                locationId, pipelineId) > 0;
    }
}
