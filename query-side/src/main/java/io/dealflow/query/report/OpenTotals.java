package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.List;

/**
 * Reads the open, not deleted deals per stage and currency that the projection keeps.
 */
@Repository
class OpenTotals {

    private final JdbcTemplate jdbc;

    OpenTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open deals of the pipeline per stage and currency. */
    List<Row> ofPipeline(String pipelineId) {
        return jdbc.query("SELECT stage_id, currency, deals, total_value FROM read_model.report_open_stage"
                        + " WHERE pipeline_id = ? AND deals <> 0",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)),
                pipelineId);
    }

    /** How many deals are open in the pipeline, or in the whole location when the pipeline is null. */
    long count(String locationId, String pipelineId) {
        Long count = pipelineId == null
                ? jdbc.queryForObject("SELECT coalesce(sum(deals), 0) FROM read_model.report_open_stage"
                + " WHERE location_id = ?", Long.class, locationId)
                : jdbc.queryForObject("SELECT coalesce(sum(deals), 0) FROM read_model.report_open_stage"
                + " WHERE pipeline_id = ?", Long.class, pipelineId);
        return count == null ? 0 : count;
    }

    /** Open deals of one currency in one stage. */
    record Row(String stageId, String currency, long deals, BigDecimal value) {
    }
}
