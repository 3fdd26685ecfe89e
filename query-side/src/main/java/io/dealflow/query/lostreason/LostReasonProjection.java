package io.dealflow.query.lostreason;

import io.dealflow.events.lostreason.LostReasonArchived;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.lostreason.LostReasonRenamed;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Folds lost reason events into {@code read_model.lost_reason}.
 */
@Component
@ProcessingGroup(ReadModels.LOST_REASONS)
class LostReasonProjection {

    private final JdbcTemplate jdbc;

    LostReasonProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(LostReasonCreated event, @Timestamp Instant timestamp) {
        jdbc.update("""
                INSERT INTO read_model.lost_reason (lost_reason_id, location_id, name, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (lost_reason_id) DO NOTHING""",
                event.lostReasonId(), event.locationId(), event.name(), EventTime.of(timestamp));
    }

    @EventHandler
    void on(LostReasonRenamed event) {
        jdbc.update("UPDATE read_model.lost_reason SET name = ? WHERE lost_reason_id = ?",
                event.name(), event.lostReasonId());
    }

    @EventHandler
    void on(LostReasonArchived event) {
        jdbc.update("UPDATE read_model.lost_reason SET archived = TRUE WHERE lost_reason_id = ?",
                event.lostReasonId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.lost_reason");
    }
}
