package io.dealflow.query.customfield;

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

import java.sql.Array;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Lists a location's custom field definitions, archived ones included (flagged), by key.
 */
@RestController("queryCustomFieldController")
@Tag(name = "Custom fields (queries)")
class CustomFieldController {

    private static final Duration FRESHNESS_PATIENCE = Duration.ofSeconds(2);

    private final JdbcTemplate jdbc;
    private final ConsistencyGate consistency;

    CustomFieldController(JdbcTemplate jdbc, ConsistencyGate consistency) {
        this.jdbc = jdbc;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/custom-fields")
    @Operation(summary = "The location's custom field definitions, by key",
            description = "Archived fields are listed with archived=true: their values stay on the deals, unchecked."
                    + " Without a Consistency-Token the list waits up to 2 s for the definitions stored so far.")
    CustomFieldList list(@PathVariable String locationId,
                         @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        if (consistencyToken == null || consistencyToken.isBlank()) {
            // Definitions are configuration a client reads right after changing them: without a token the list
            // still waits (briefly) for what is stored, so it shows a field defined a moment ago.
            consistency.awaitLatest(FRESHNESS_PATIENCE, ReadModels.WORKSPACE);
        } else {
            consistency.await(consistencyToken, ReadModels.WORKSPACE);
        }
        return new CustomFieldList(jdbc.query("""
                SELECT field_key, name, type, options, archived FROM read_model.custom_field WHERE location_id = ?
                ORDER BY field_key""", (rs, n) -> {
            Array options = rs.getArray("options");
            return new CustomFieldView(rs.getString("field_key"), rs.getString("name"), rs.getString("type"),
                    options == null ? List.of() : Arrays.asList((String[]) options.getArray()),
                    rs.getBoolean("archived"));
        }, location));
    }

    /**
     * A custom field definition.
     *
     * @param type    text, number, date, boolean, select or multiselect
     * @param options the allowed values of a select or multiselect field; empty otherwise
     */
    record CustomFieldView(String key, String name, String type, List<String> options, boolean archived) {
    }

    /** The answer of the custom field list. */
    record CustomFieldList(List<CustomFieldView> items) {
    }
}
