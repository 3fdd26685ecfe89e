package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.eventstore.EventSerialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The opportunities as payloads show them ({@code webhooks.opportunity_snapshot}). A stage change re-arms the stale
 * trigger: the row forgets that the opportunity was reported stale.
 */
@Component
public class OpportunitySnapshots {

    /** A stage change re-arms the stale trigger: the row forgets that it was reported. */
    private static final String SAVE = """
            INSERT INTO webhooks.opportunity_snapshot (opportunity_id, location_id, pipeline_id, status, deleted,
                last_stage_change_at, state)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::text[])
            ON CONFLICT (opportunity_id) DO UPDATE SET pipeline_id = excluded.pipeline_id, status = excluded.status,
                deleted = excluded.deleted, last_stage_change_at = excluded.last_stage_change_at,
                stale_notified_at = CASE WHEN excluded.last_stage_change_at
                    = webhooks.opportunity_snapshot.last_stage_change_at
                    THEN webhooks.opportunity_snapshot.stale_notified_at END,
                state = excluded.state""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = EventSerialization.eventMapper();

    OpportunitySnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The states of those of the opportunities whose creation was seen, by opportunity id. */
    Map<String, OpportunityState> findAll(Collection<String> opportunityIds) {
        Map<String, OpportunityState> states = new HashMap<>();
        if (opportunityIds.isEmpty()) {
            return states;
        }
        jdbc.query("SELECT opportunity_id, state FROM webhooks.opportunity_snapshot WHERE opportunity_id = ANY (?)",
                (ResultSet rs) -> {
                    states.put(rs.getString("opportunity_id"), read(rs.getString("state")));
                }, (Object) opportunityIds.toArray(String[]::new));
        return states;
    }

    /**
     * Writes the states, at most one per opportunity, with one statement: each column travels as an array and
     * {@code unnest} turns the arrays back into rows.
     */
    void saveAll(Collection<OpportunityState> states) {
        if (states.isEmpty()) {
            return;
        }
        String[][] columns = new String[7][states.size()];
        int row = 0;
        for (OpportunityState state : states) {
            columns[0][row] = state.opportunityId();
            columns[1][row] = state.locationId();
            columns[2][row] = state.pipelineId();
            columns[3][row] = state.status();
            columns[4][row] = Boolean.toString(state.deleted());
            columns[5][row] = state.lastStageChangeAt().toString();
            columns[6][row] = write(state);
            row++;
        }
        jdbc.update(SAVE, (Object[]) columns);
    }

    /** Reads a state column value. */
    public OpportunityState read(String stateJson) {
        try {
            return json.readValue(stateJson, OpportunityState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable opportunity snapshot", e);
        }
    }

    private String write(OpportunityState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write opportunity snapshot " + state.opportunityId(), e);
        }
    }
}
