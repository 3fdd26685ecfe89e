package io.dealflow.query.lostreason;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;

/**
 * The live (not archived) lost reasons of a location as other doors read them (the HighLevel-compatible API): pages
 * by name, filtered by part of the name.
 */
@Repository
public class LostReasonReader {

    private final JdbcTemplate jdbc;

    LostReasonReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lost reason of the read model. */
    public record LostReason(String id, String locationId, String name, Instant createdAt) {
    }

    /**
     * Up to {@code limit} lost reasons of the location whose name holds {@code text} (ignoring case; every reason when
     * null or blank), ordered by name ignoring case, after skipping {@code skip}.
     */
    public List<LostReason> page(String locationId, String text, int skip, int limit) {
        return jdbc.query("""
                SELECT lost_reason_id, location_id, name, created_at FROM read_model.lost_reason
                WHERE location_id = ? AND name ILIKE ? AND NOT archived
                ORDER BY lower(name), lost_reason_id OFFSET ? LIMIT ?""",
                (rs, n) -> new LostReason(rs.getString("lost_reason_id"), rs.getString("location_id"),
                        rs.getString("name"), rs.getTimestamp("created_at").toInstant()),
                locationId, pattern(text), skip, limit);
    }

    /** How many lost reasons of the location {@link #page} finds in all. */
    public long count(String locationId, String text) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM read_model.lost_reason WHERE location_id = ?"
                + " AND name ILIKE ? AND NOT archived", Long.class, locationId, pattern(text));
        return total == null ? 0 : total;
    }

    private static String pattern(String text) {
        return text == null || text.isBlank() ? "%"
                : "%" + text.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
