package io.dealflow.query.customfield;

import io.dealflow.events.customfield.CustomFieldArchived;
import io.dealflow.events.customfield.CustomFieldChanged;
import io.dealflow.events.customfield.CustomFieldDefined;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Folds custom field definitions into {@code read_model.custom_field}, and each deal's custom field values into
 * typed rows of {@code read_model.opportunity_custom_value} (replaced as a whole when the values change).
 */
@Component
@ProcessingGroup(ReadModels.WORKSPACE)
class CustomFieldProjection {

    private final JdbcTemplate jdbc;

    CustomFieldProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustomFieldDefined event, @Timestamp Instant timestamp) {
        jdbc.update("""
                INSERT INTO read_model.custom_field (location_id, field_key, name, type, options, created_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (location_id, field_key) DO NOTHING""",
                event.locationId(), event.key(), event.name(), event.type(), options(event.options()),
                EventTime.of(timestamp));
    }

    @EventHandler
    void on(CustomFieldChanged event) {
        jdbc.update("UPDATE read_model.custom_field SET name = ?, options = ? WHERE location_id = ? AND field_key = ?",
                event.name(), options(event.options()), event.locationId(), event.key());
    }

    @EventHandler
    void on(CustomFieldArchived event) {
        jdbc.update("UPDATE read_model.custom_field SET archived = TRUE WHERE location_id = ? AND field_key = ?",
                event.locationId(), event.key());
    }

    @EventHandler
    void on(OpportunityCreated event) {
        values(event.opportunityId(), event.locationId(), event.customFields());
    }

    @EventHandler
    void on(OpportunityCustomFieldsChanged event) {
        jdbc.update("DELETE FROM read_model.opportunity_custom_value WHERE opportunity_id = ?", event.opportunityId());
        values(event.opportunityId(), event.locationId(), event.customFields());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.custom_field, read_model.opportunity_custom_value");
    }

    private void values(String opportunityId, String locationId, Map<String, Object> fields) {
        if (fields == null || fields.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        fields.forEach((key, value) -> {
            if (value instanceof List<?> list) {
                list.forEach(item -> row(rows, opportunityId, locationId, key, item));
            } else {
                row(rows, opportunityId, locationId, key, value);
            }
        });
        jdbc.batchUpdate("""
                INSERT INTO read_model.opportunity_custom_value
                    (opportunity_id, location_id, field_key, text_value, number_value) VALUES (?, ?, ?, ?, ?)""",
                rows);
    }

    private static void row(List<Object[]> rows, String opportunityId, String locationId, String key, Object value) {
        if (value instanceof Number number) {
            rows.add(new Object[]{opportunityId, locationId, key, null, new BigDecimal(number.toString())});
        } else if (value instanceof String || value instanceof Boolean) {
            rows.add(new Object[]{opportunityId, locationId, key, value.toString(), null});
        }
    }

    private static String[] options(List<String> options) {
        return options == null ? new String[0] : options.toArray(String[]::new);
    }
}
