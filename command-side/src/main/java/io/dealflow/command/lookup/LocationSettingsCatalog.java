package io.dealflow.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What command handlers may ask about a location's settings. Answers come from the lookup tables, which are as fresh
 * as the last committed command.
 */
@Component
public class LocationSettingsCatalog {

    private final JdbcTemplate jdbc;

    LocationSettingsCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The location's {@code allowDuplicateOpportunity} setting, or empty when it was never set (then each door applies
     * its own default).
     */
    public Optional<Boolean> allowDuplicateOpportunity(String locationId) {
        return jdbc.queryForList("""
                SELECT allow_duplicate_opportunity FROM command_model.location_setting
                WHERE location_id = ? AND allow_duplicate_opportunity IS NOT NULL""", Boolean.class, locationId)
                .stream().findFirst();
    }
}
