package io.dealflow.query.lostreason;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Lists a location's lost reasons by name.
 */
@RestController("queryLostReasonController")
@Tag(name = "Lost reasons (queries)")
class LostReasonController {

    private final JdbcTemplate jdbc;
    private final ConsistencyGate consistency;

    LostReasonController(JdbcTemplate jdbc, ConsistencyGate consistency) {
        this.jdbc = jdbc;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/lost-reasons")
    @Operation(summary = "The location's lost reasons, by name",
            description = "Only the live ones, which new losses may name, unless includeArchived=true.")
    LostReasonList list(@PathVariable String locationId,
                        @Parameter(description = "true: archived reasons too (default false)")
                        @RequestParam(required = false) String includeArchived,
                        @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        boolean all = switch (includeArchived == null ? "false" : includeArchived) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw new BadParameter("includeArchived", "must be true or false");
        };
        consistency.await(consistencyToken, ReadModels.LOST_REASONS);
        return new LostReasonList(jdbc.query("""
                SELECT lost_reason_id, name, archived FROM read_model.lost_reason
                WHERE location_id = ? AND (? OR NOT archived)
                ORDER BY lower(name), lost_reason_id""",
                (rs, n) -> new LostReasonView(rs.getString(1), rs.getString(2), rs.getBoolean(3)), location, all));
    }

    /** A lost reason; an archived one stays on the deals lost with it, but new losses cannot name it. */
    record LostReasonView(String id, String name, boolean archived) {
    }

    /** The answer of the lost reason list. */
    record LostReasonList(List<LostReasonView> items) {
    }
}
