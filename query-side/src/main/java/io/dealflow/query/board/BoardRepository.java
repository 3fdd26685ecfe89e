package io.dealflow.query.board;

import io.dealflow.events.Contact;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the board tables: stage totals (kept by the projection, or counted from the cards by an indexed query when
 * filtered) and pages of open cards of one stage.
 */
@Repository
class BoardRepository {

    private static final String OPEN = "status = 'open' AND NOT deleted";
    // The task columns read the workspace projection's tasks of each card shown (its primary key leads with the deal).
    private static final String CARD_COLUMNS = "opportunity_id, name, monetary_value, currency, contact_id,"
            + " contact_name, contact_email, contact_phone, contact_company, assigned_to, status, last_stage_change_at,"
            + " (SELECT count(*) FROM read_model.opportunity_task t WHERE t.opportunity_id = board_card.opportunity_id"
            + " AND t.status = 'open') AS open_tasks,"
            + " (SELECT min(t.due_at) FROM read_model.opportunity_task t"
            + " WHERE t.opportunity_id = board_card.opportunity_id AND t.status = 'open') AS next_task_due_at";

    private final JdbcTemplate jdbc;

    BoardRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Open deals per stage and currency of the pipeline. */
    List<StageCurrencyTotal> totals(String pipelineId, BoardFilter filter) {
        if (filter.isEmpty()) {
            return jdbc.query("""
                    SELECT stage_id, currency, open_count, total_value FROM read_model.board_stage_total
                    WHERE pipeline_id = ? AND open_count <> 0""", (rs, n) -> new StageCurrencyTotal(
                    rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4)), pipelineId);
        }
        List<Object> arguments = new ArrayList<>(List.of(pipelineId));
        String conditions = filter.conditions(arguments);
        return jdbc.query("SELECT stage_id, currency, count(*), sum(monetary_value) FROM read_model.board_card"
                        + " WHERE pipeline_id = ? AND " + OPEN + conditions + " GROUP BY stage_id, currency",
                (rs, n) -> new StageCurrencyTotal(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getBigDecimal(4)), arguments.toArray());
    }

    /**
     * Up to {@code limit} open cards of a stage, most recently moved in first, starting after the card {@code after}
     * (null for the first page).
     */
    List<BoardView.Card> cards(String pipelineId, String stageId, BoardFilter filter, CardKey after, int limit) {
        List<Object> arguments = new ArrayList<>(List.of(pipelineId, stageId));
        String conditions = filter.conditions(arguments);
        if (after != null) {
            conditions += " AND (last_stage_change_at, opportunity_id) < (?, ?)";
            arguments.add(after.lastStageChangeAt());
            arguments.add(after.opportunityId());
        }
        arguments.add(limit);
        return jdbc.query("SELECT " + CARD_COLUMNS + " FROM read_model.board_card"
                        + " WHERE pipeline_id = ? AND stage_id = ? AND " + OPEN + conditions
                        + " ORDER BY last_stage_change_at DESC, opportunity_id DESC LIMIT ?",
                (rs, n) -> card(rs), arguments.toArray());
    }

    /**
     * The first page of each of the stages: up to {@code limit} open cards per stage, most recently moved in first.
     * One statement for the whole board, each stage read by its own index range, instead of a round trip per stage.
     */
    Map<String, List<BoardView.Card>> firstCards(String pipelineId, List<String> stageIds, BoardFilter filter,
                                                 int limit) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(stageIds.toArray(String[]::new));
        arguments.add(pipelineId);
        String conditions = filter.conditions(arguments);
        arguments.add(limit);
        Map<String, List<BoardView.Card>> cards = new HashMap<>();
        stageIds.forEach(stageId -> cards.put(stageId, new ArrayList<>()));
        jdbc.query("SELECT stage.id, card.* FROM unnest(?::text[]) AS stage (id) CROSS JOIN LATERAL ("
                        + " SELECT " + CARD_COLUMNS + " FROM read_model.board_card"
                        + " WHERE pipeline_id = ? AND stage_id = stage.id AND " + OPEN + conditions
                        + " ORDER BY last_stage_change_at DESC, opportunity_id DESC LIMIT ?) AS card",
                (ResultSet rs) -> {
                    cards.get(rs.getString(1)).add(card(rs, 1));
                }, arguments.toArray());
        return cards;
    }

    private static BoardView.Card card(ResultSet rs) throws SQLException {
        return card(rs, 0);
    }

    /** Reads the {@link #CARD_COLUMNS} that start after column {@code offset}. */
    private static BoardView.Card card(ResultSet rs, int offset) throws SQLException {
        return new BoardView.Card(rs.getString(offset + 1), rs.getString(offset + 2), rs.getBigDecimal(offset + 3),
                rs.getString(offset + 4), contact(rs.getString(offset + 5), rs.getString(offset + 6),
                rs.getString(offset + 7), rs.getString(offset + 8), rs.getString(offset + 9)),
                rs.getString(offset + 10), rs.getString(offset + 11),
                rs.getObject(offset + 12, OffsetDateTime.class).toInstant(), rs.getInt(offset + 13),
                instant(rs.getObject(offset + 14, OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Contact contact(String id, String name, String email, String phone, String company) {
        if (id == null && name == null && email == null && phone == null && company == null) {
            return null;
        }
        return new Contact(id, name, email, phone, company);
    }

    /** Open deals of one currency in one stage. */
    record StageCurrencyTotal(String stageId, String currency, long count, BigDecimal totalValue) {
    }

    /** Where a page of a stage ended: the keyset position of its last card. */
    record CardKey(OffsetDateTime lastStageChangeAt, String opportunityId) {

        static CardKey of(BoardView.Card card) {
            return new CardKey(OffsetDateTime.ofInstant(card.lastStageChangeAt(), ZoneOffset.UTC),
                    card.id());
        }

        Instant instant() {
            return lastStageChangeAt.toInstant();
        }
    }
}
