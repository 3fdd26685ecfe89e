package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.events.store.EventSerialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The opportunities as payloads show them ({@code webhooks.opportunity_snapshot}). A stage change re-arms the stale
 * trigger: the row forgets that the opportunity was reported stale.
 */
@Component
public class OpportunitySnapshots {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = EventSerialization.eventMapper();

    OpportunitySnapshots(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The opportunity's state, if its creation was seen. */
    public Optional<OpportunityState> find(String opportunityId) {
        List<String> rows = jdbc.queryForList(
                "SELECT state FROM webhooks.opportunity_snapshot WHERE opportunity_id = ?", String.class,
                opportunityId);
        return rows.stream().findFirst().map(this::read);
    }

    void save(OpportunityState state) {
        jdbc.update("INSERT INTO webhooks.opportunity_snapshot (opportunity_id, location_id, pipeline_id, status,"
                        + " deleted, last_stage_change_at, state) VALUES (?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (opportunity_id) DO UPDATE SET pipeline_id = excluded.pipeline_id,"
                        + " status = excluded.status, deleted = excluded.deleted,"
                        + " last_stage_change_at = excluded.last_stage_change_at,"
                        + " stale_notified_at = CASE WHEN excluded.last_stage_change_at"
                        + " = webhooks.opportunity_snapshot.last_stage_change_at"
                        + " THEN webhooks.opportunity_snapshot.stale_notified_at END,"
                        + " state = excluded.state",
                state.opportunityId(), state.locationId(), state.pipelineId(), state.status(), state.deleted(),
                Timestamp.from(state.lastStageChangeAt()), write(state));
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
