package io.dealflow.query.opportunity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.Contact;
import io.dealflow.events.store.EventSerialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads opportunities: one by id, or a keyset page of a search with the number of all matches.
 */
@Repository
class OpportunityRepository {

    private static final ObjectMapper JSON = EventSerialization.eventMapper();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() {
    };
    static final String COLUMNS = """
            opportunity_id, location_id, name, pipeline_id, stage_id, status, monetary_value, currency, contact_id,
            contact_name, contact_email, contact_phone, contact_company, source, assigned_to, followers, tags,
            custom_fields::text AS custom_fields, lost_reason_id, lost_reason, created_at, updated_at,
            last_stage_change_at, last_status_change_at, version, name_key""";

    private final JdbcTemplate jdbc;

    OpportunityRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The visible (not deleted) opportunity of that id in the location, or empty. */
    Optional<OpportunityView> find(String locationId, String opportunityId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.opportunity"
                        + " WHERE opportunity_id = ? AND location_id = ? AND NOT deleted",
                (rs, n) -> view(rs), opportunityId, locationId).stream().findFirst();
    }

    /** Up to {@code limit} matches in {@code sort} order after the keyset position {@code after} (null: first). */
    List<Match> search(SearchCriteria criteria, SearchSort sort, List<Object> after, int limit) {
        List<Object> arguments = new ArrayList<>();
        String where = criteria.conditions(arguments);
        if (after != null) {
            where += " AND " + sort.after();
            arguments.addAll(after);
        }
        arguments.add(limit);
        RowMapper<Match> match = (rs, n) -> new Match(view(rs), rs.getString("name_key"));
        return jdbc.query("SELECT " + COLUMNS + " FROM read_model.opportunity WHERE " + where
                + " ORDER BY " + sort.orderBy() + " LIMIT ?", match, arguments.toArray());
    }

    /** How many opportunities match, regardless of paging. */
    long count(SearchCriteria criteria) {
        List<Object> arguments = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT count(*) FROM read_model.opportunity WHERE "
                + criteria.conditions(arguments), Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    static OpportunityView view(ResultSet rs) throws SQLException {
        return new OpportunityView(rs.getString("opportunity_id"), rs.getString("location_id"), rs.getString("name"),
                rs.getString("pipeline_id"), rs.getString("stage_id"), rs.getString("status"),
                rs.getBigDecimal("monetary_value"), rs.getString("currency"), contact(rs), rs.getString("source"),
                rs.getString("assigned_to"), texts(rs.getArray("followers")), texts(rs.getArray("tags")),
                fields(rs.getString("custom_fields")), rs.getString("lost_reason_id"), rs.getString("lost_reason"),
                instant(rs, "created_at"), instant(rs, "updated_at"), instant(rs, "last_stage_change_at"),
                instant(rs, "last_status_change_at"), rs.getLong("version"));
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        Contact contact = new Contact(rs.getString("contact_id"), rs.getString("contact_name"),
                rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("contact_company"));
        return contact.equals(new Contact(null, null, null, null, null)) ? null : contact;
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Map<String, Object> fields(String json) {
        try {
            return JSON.readValue(json, FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException("custom fields of a row are not JSON", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A search hit with its case-folded name, the keyset value of the name order. */
    record Match(OpportunityView view, String nameKey) {
    }
}
