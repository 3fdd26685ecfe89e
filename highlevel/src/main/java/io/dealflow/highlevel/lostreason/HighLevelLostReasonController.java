package io.dealflow.highlevel.lostreason;

import io.dealflow.command.http.CommandSender;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.highlevel.http.Timestamps;
import io.dealflow.query.axon.ReadModels;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /opportunities/lost-reason}: a location's lost reasons by name, filtered by {@code query} (part of the
 * name, ignoring case) and paged by {@code skip} and {@code limit}. Lost reasons are never changed after creation,
 * so {@code updatedAt} is their {@code createdAt}.
 */
@RestController
class HighLevelLostReasonController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final JdbcTemplate jdbc;
    private final LocationAccess access;
    private final DoorCommands commands;

    HighLevelLostReasonController(JdbcTemplate jdbc, LocationAccess access, DoorCommands commands) {
        this.jdbc = jdbc;
        this.access = access;
        this.commands = commands;
    }

    @GetMapping("/opportunities/lost-reason")
    LostReasons list(@RequestParam(required = false) String locationId,
                     @RequestParam(required = false) String query,
                     @RequestParam(required = false, defaultValue = "0") int skip,
                     @RequestParam(required = false, defaultValue = "" + DEFAULT_LIMIT) int limit,
                     @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER, required = false)
                     String consistencyToken) {
        String location = access.require(locationId, "locationId");
        List<String> problems = new ArrayList<>();
        if (skip < 0) {
            problems.add("skip must not be less than 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add("limit must be between 1 and " + MAX_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw HighLevelRefusal.invalid(problems);
        }
        commands.awaitToken(consistencyToken, ReadModels.LOST_REASONS);
        String pattern = query == null || query.isBlank() ? "%"
                : "%" + query.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        List<LostReason> page = jdbc.query("""
                SELECT lost_reason_id, location_id, name, created_at FROM read_model.lost_reason
                WHERE location_id = ? AND name ILIKE ? AND NOT archived
                ORDER BY lower(name), lost_reason_id OFFSET ? LIMIT ?""",
                (rs, n) -> lostReason(rs), location, pattern, skip, limit);
        Long total = jdbc.queryForObject("SELECT count(*) FROM read_model.lost_reason WHERE location_id = ?"
                + " AND name ILIKE ? AND NOT archived", Long.class, location, pattern);
        return new LostReasons(page, total == null ? 0 : total);
    }

    private static LostReason lostReason(ResultSet rs) throws SQLException {
        String createdAt = Timestamps.format(rs.getTimestamp("created_at").toInstant());
        return new LostReason(rs.getString("lost_reason_id"), rs.getString("name"), rs.getString("location_id"),
                createdAt, createdAt);
    }

    /** The answer: one page and the number of all matches. */
    record LostReasons(List<LostReason> lostReasons, long total) {
    }

    /** A lost reason as HighLevel shows it. */
    record LostReason(String id, String name, String locationId, String createdAt, String updatedAt) {
    }
}
