package io.dealflow.query.lostreason;

import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class LostReasonProjectionTest {

    @Test
    void createdLostReasonIsStoredOnceEvenWhenRedelivered() {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        ProjectionHarness projection = ProjectionHarness.of(jdbc, new LostReasonProjection(jdbc));
        LostReasonCreated created = new LostReasonCreated("r1", "loc-1", "Too expensive");

        projection.when(created).redeliver(created, 0, projection.lastTimestamp());

        assertThat(jdbc.queryForList("SELECT location_id || ':' || name FROM read_model.lost_reason", String.class))
                .containsExactly("loc-1:Too expensive");
    }
}
