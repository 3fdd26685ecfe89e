package io.dealflow.query.opportunity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Every opportunity that matches a filter, for the doors that act on many at once: the ids a bulk operation resolves
 * its filter to, and the rows of the CSV export, read through a cursor so memory stays flat however many match.
 */
@Component
public class MatchingOpportunities {

    /** Rows the driver fetches per round trip while streaming. */
    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    MatchingOpportunities(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The ids of up to {@code limit} matches, oldest first (then by id), so a bulk operation's order is stable. */
    public List<String> ids(OpportunityFilter filter, int limit) {
        List<Object> arguments = new ArrayList<>();
        String where = filter.criteria().conditions(arguments);
        arguments.add(limit);
        return jdbc.queryForList("SELECT opportunity_id FROM read_model.opportunity WHERE " + where
                + " ORDER BY created_at, opportunity_id LIMIT ?", String.class, arguments.toArray());
    }

    /**
     * Hands every match, oldest first, to {@code row} with its pipeline's and stage's names. PostgreSQL's driver only
     * streams with a fetch size inside a transaction (otherwise it reads the whole result first), hence the read-only
     * transaction around the cursor.
     */
    public void forEach(OpportunityFilter filter, Consumer<Listed> row) {
        List<Object> arguments = new ArrayList<>();
        String where = filter.criteria().conditions(arguments);
        String sql = "SELECT o.*, p.name AS pipeline_name, s.name AS stage_name FROM (SELECT "
                + OpportunityRepository.COLUMNS + " FROM read_model.opportunity WHERE " + where + ") o"
                + " LEFT JOIN read_model.pipeline p ON p.pipeline_id = o.pipeline_id"
                + " LEFT JOIN read_model.pipeline_stage s ON s.pipeline_id = o.pipeline_id AND s.stage_id = o.stage_id"
                + " ORDER BY o.created_at, o.opportunity_id";
        readOnly.executeWithoutResult(status -> jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }, (RowCallbackHandler) rs -> row.accept(new Listed(OpportunityRepository.view(rs),
                rs.getString("pipeline_name"), rs.getString("stage_name")))));
    }

    /** The custom field keys any match carries, sorted: the columns a CSV export needs before its first row. */
    public List<String> customFieldKeys(OpportunityFilter filter) {
        List<Object> arguments = new ArrayList<>();
        String where = filter.criteria().conditions(arguments);
        return jdbc.queryForList("SELECT DISTINCT k FROM read_model.opportunity, jsonb_object_keys(custom_fields) k"
                + " WHERE " + where + " ORDER BY k", String.class, arguments.toArray());
    }

    /** A match with the names of its pipeline and stage (null when they are gone). */
    public record Listed(OpportunityView opportunity, String pipelineName, String stageName) {
    }
}
