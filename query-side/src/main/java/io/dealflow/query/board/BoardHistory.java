package io.dealflow.query.board;

import io.dealflow.events.Contact;
import io.dealflow.query.board.BoardRepository.CardKey;
import io.dealflow.query.board.BoardRepository.StageCurrencyTotal;
import io.dealflow.query.pipeline.StageView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the board as it stood at an instant from the versions the history projection keeps: the pipeline's stages
 * with their names and win probabilities of that time, and the card versions valid then with the task versions valid
 * then. Each read is one query on a GiST index over (pipeline, stage, validity), never a replay of events.
 */
@Repository
class BoardHistory {

    private static final String OPEN = "status = 'open' AND NOT deleted";
    // A card's tasks open at the instant, as the live board counts them from the workspace's tasks; the versions of a
    // deal's tasks are found by task_version's primary key, which leads with the deal.
    private static final String TASK_FIGURES = """
            (SELECT count(*) FROM read_model.task_version t WHERE t.opportunity_id = card_version.opportunity_id
             AND t.valid @> ?::timestamptz AND t.status = 'open') AS open_tasks,
            (SELECT min(t.due_at) FROM read_model.task_version t WHERE t.opportunity_id = card_version.opportunity_id
             AND t.valid @> ?::timestamptz AND t.status = 'open') AS next_task_due_at""";

    private final JdbcTemplate jdbc;

    BoardHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stages of the pipeline at that instant in board order; empty when the pipeline did not exist then. */
    Optional<List<StageView>> stages(String locationId, String pipelineId, Instant asOf) {
        OffsetDateTime at = at(asOf);
        Boolean existed = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM read_model.pipeline_version WHERE pipeline_id = ? AND location_id = ?
                               AND valid @> ?::timestamptz AND NOT deleted)""",
                Boolean.class, pipelineId, locationId, at);
        if (!Boolean.TRUE.equals(existed)) {
            return Optional.empty();
        }
        return Optional.of(jdbc.query("""
                SELECT stage_id, name, position, win_probability FROM read_model.stage_version
                WHERE pipeline_id = ? AND valid @> ?::timestamptz ORDER BY position, stage_id""",
                (rs, n) -> new StageView(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)),
                pipelineId, at));
    }

    /** Open deals per stage and currency at that instant. */
    List<StageCurrencyTotal> totals(String pipelineId, BoardFilter filter, Instant asOf) {
        List<Object> arguments = new ArrayList<>(List.of(pipelineId, at(asOf)));
        String conditions = filter.conditions(arguments);
        return jdbc.query("SELECT stage_id, currency, count(*), sum(monetary_value) FROM read_model.card_version"
                        + " WHERE pipeline_id = ? AND valid @> ?::timestamptz AND " + OPEN + conditions
                        + " GROUP BY stage_id, currency",
                (rs, n) -> new StageCurrencyTotal(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4)), arguments.toArray());
    }

    /** Up to {@code limit} open cards of a stage at that instant, in the live board's order, after {@code after}. */
    List<BoardView.Card> cards(String pipelineId, String stageId, BoardFilter filter, CardKey after, int limit,
                               Instant asOf) {
        OffsetDateTime at = at(asOf);
        // The instant twice for the task figures in the select list, then for the cards.
        List<Object> arguments = new ArrayList<>(List.of(at, at, pipelineId, stageId, at));
        String conditions = filter.conditions(arguments);
        if (after != null) {
            conditions += " AND (last_stage_change_at, opportunity_id) < (?, ?)";
            arguments.add(after.lastStageChangeAt());
            arguments.add(after.opportunityId());
        }
        arguments.add(limit);
        return jdbc.query("""
                SELECT opportunity_id, name, monetary_value, currency, contact_id, contact_name, contact_email,
                       contact_phone, contact_company, assigned_to, status, last_stage_change_at, %s
                FROM read_model.card_version
                WHERE pipeline_id = ? AND stage_id = ? AND valid @> ?::timestamptz AND %s%s
                ORDER BY last_stage_change_at DESC, opportunity_id DESC LIMIT ?"""
                        .formatted(TASK_FIGURES, OPEN, conditions),
                (rs, n) -> new BoardView.Card(rs.getString(1), rs.getString(2), rs.getBigDecimal(3),
                        rs.getString(4), contact(rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)), rs.getString(10), rs.getString(11),
                        rs.getObject(12, OffsetDateTime.class).toInstant(), rs.getInt(13), instant(rs, 14)),
                arguments.toArray());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Contact contact(String id, String name, String email, String phone, String company) {
        if (id == null && name == null && email == null && phone == null && company == null) {
            return null;
        }
        return new Contact(id, name, email, phone, company);
    }
}
