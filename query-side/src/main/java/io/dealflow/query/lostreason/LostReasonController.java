package io.dealflow.query.lostreason;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
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
    @Operation(summary = "The location's lost reasons, by name")
    LostReasonList list(@PathVariable String locationId,
                        @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        consistency.await(consistencyToken, ReadModels.LOST_REASONS);
        return new LostReasonList(jdbc.query("""
                SELECT lost_reason_id, name FROM read_model.lost_reason WHERE location_id = ?
                ORDER BY lower(name), lost_reason_id""",
                (rs, n) -> new LostReasonView(rs.getString(1), rs.getString(2)), location));
    }

    /** A lost reason. */
    record LostReasonView(String id, String name) {
    }

    /** The answer of the lost reason list. */
    record LostReasonList(List<LostReasonView> items) {
    }
}
