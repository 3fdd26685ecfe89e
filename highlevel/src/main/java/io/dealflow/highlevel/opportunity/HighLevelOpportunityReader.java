package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.highlevel.http.Timestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads opportunities in HighLevel's shape from the query side's {@code read_model.opportunity}; search shares its
 * columns and row mapping.
 */
@Repository
public class HighLevelOpportunityReader {

    /** The columns {@link #ROW} reads. */
    public static final String COLUMNS = """
            opportunity_id, location_id, name, pipeline_id, stage_id, status, monetary_value, contact_id,
            contact_name, contact_email, contact_phone, contact_company, source, assigned_to, followers,
            custom_fields::text AS custom_fields, lost_reason_id, created_at, updated_at, last_stage_change_at,
            last_status_change_at, version""";

    /** Maps a row of {@link #COLUMNS} to HighLevel's opportunity. */
    public static final RowMapper<HighLevelOpportunity> ROW = (rs, n) -> opportunity(rs);

    private static final ObjectMapper JSON = EventSerialization.eventMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    HighLevelOpportunityReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The opportunity of that id unless it is deleted, whatever its location. */
    public Optional<HighLevelOpportunity> find(String opportunityId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.opportunity WHERE opportunity_id = ? AND NOT deleted",
                ROW, opportunityId).stream().findFirst();
    }

    private static HighLevelOpportunity opportunity(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        String updatedAt = time(rs, "updated_at");
        return new HighLevelOpportunity(rs.getString("opportunity_id"), rs.getString("name"),
                plain(rs.getBigDecimal("monetary_value")), rs.getString("pipeline_id"), rs.getString("stage_id"),
                rs.getString("assigned_to"), status, rs.getString("source"), time(rs, "last_status_change_at"),
                time(rs, "last_stage_change_at"), updatedAt, rs.getLong("version"), time(rs, "created_at"),
                updatedAt, rs.getString("contact_id"), rs.getString("location_id"), contact(rs),
                "lost".equals(status) ? rs.getString("lost_reason_id") : null,
                customFields(rs.getString("custom_fields")), texts(rs.getArray("followers")));
    }

    private static HighLevelOpportunity.ContactView contact(ResultSet rs) throws SQLException {
        String id = rs.getString("contact_id");
        String name = rs.getString("contact_name");
        String email = rs.getString("contact_email");
        String phone = rs.getString("contact_phone");
        String company = rs.getString("contact_company");
        if (id == null && name == null && email == null && phone == null && company == null) {
            return null;
        }
        return new HighLevelOpportunity.ContactView(id, name, company, email, phone, List.of());
    }

    /** 1000.00 reads as 1000 and 10.50 as 10.5, as HighLevel writes numbers. */
    private static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static List<HighLevelOpportunity.CustomFieldValue> customFields(String json) {
        try {
            Map<String, Object> fields = json == null ? Map.of() : JSON.readValue(json, FIELDS);
            return fields.entrySet().stream()
                    .map(field -> new HighLevelOpportunity.CustomFieldValue(field.getKey(), field.getValue()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("custom fields of a read-model row are not JSON", e);
        }
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static String time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : Timestamps.format(value.toInstant());
    }
}
