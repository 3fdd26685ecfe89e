package io.dealflow.command.lookup;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * What command handlers and doors may ask about lost reasons: a reason's name, whether it is archived, and whether a name is taken. Answers
 * come from the lookup tables, which are as fresh as the last committed command.
 */
@Component
public class LostReasonCatalog {

    private final JdbcTemplate jdbc;

    LostReasonCatalog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The name of a lost reason of the location, or empty when the location has no such lost reason. */
    public Optional<String> lostReasonName(String locationId, String lostReasonId) {
        return jdbc.queryForList("""
                SELECT name FROM command_model.lost_reason_lookup WHERE lost_reason_id = ? AND location_id = ?""",
                String.class, lostReasonId, locationId).stream().findFirst();
    }

    /** Whether a lost reason of the location is archived; false when there is no such lost reason. */
    public boolean lostReasonArchived(String locationId, String lostReasonId) {
        return jdbc.queryForList("""
                SELECT archived FROM command_model.lost_reason_lookup WHERE lost_reason_id = ? AND location_id = ?""",
                Boolean.class, lostReasonId, locationId).stream().findFirst().orElse(false);
    }

    /**
     * Whether another live (not archived) lost reason of the location already has this name, ignoring case.
     *
     * @param exceptLostReasonId the reason being renamed, which may keep its own name; null when creating
     */
    public boolean lostReasonNameTaken(String locationId, String name, String exceptLostReasonId) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM command_model.lost_reason_lookup
                WHERE location_id = ? AND lower(name) = lower(?) AND NOT archived AND lost_reason_id <> ?""",
                Integer.class, locationId, name, exceptLostReasonId == null ? "" : exceptLostReasonId);
        return count != null && count > 0;
    }
}
