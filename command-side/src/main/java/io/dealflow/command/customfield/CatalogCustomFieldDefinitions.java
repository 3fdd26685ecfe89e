package io.dealflow.command.customfield;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the live definitions from {@code command_model.custom_field_lookup}, which is as fresh as the last committed
 * command.
 */
@Component
class CatalogCustomFieldDefinitions implements CustomFieldDefinitions {

    private final JdbcTemplate jdbc;

    CatalogCustomFieldDefinitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, CustomFieldDefinition> liveIn(String locationId) {
        Map<String, CustomFieldDefinition> definitions = new HashMap<>();
        jdbc.query("""
                SELECT field_key, type, options FROM command_model.custom_field_lookup
                WHERE location_id = ? AND NOT archived""", rs -> {
            Array options = rs.getArray("options");
            List<String> values = options == null ? List.of() : Arrays.asList((String[]) options.getArray());
            String key = rs.getString("field_key");
            CustomFieldType.of(rs.getString("type")).ifPresent(type ->
                    definitions.put(key, new CustomFieldDefinition(key, type, List.copyOf(values))));
        }, locationId);
        return definitions;
    }

    @Override
    public boolean defined(String locationId, String key) {
        return !jdbc.queryForList("SELECT 1 FROM command_model.custom_field_lookup WHERE location_id = ? AND field_key = ?",
                Integer.class, locationId, key).isEmpty();
    }
}
