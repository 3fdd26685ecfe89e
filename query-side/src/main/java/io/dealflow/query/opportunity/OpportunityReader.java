package io.dealflow.query.opportunity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The opportunity read model as other doors read it (the HighLevel-compatible API): a deal by id, and pages of a
 * location's deals by {@link OpportunityCondition} in an {@link OpportunityOrder}. Every page is scoped to one
 * location and to deals that are not deleted, which the read model's partial indexes lead with, so no search scans
 * the whole table.
 */
@Repository
public class OpportunityReader {

    private final JdbcTemplate jdbc;

    OpportunityReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A hit of a page and its sort values. */
    public record Hit(OpportunityView opportunity, List<Object> sortValues) {
    }

    /** The opportunity of that id unless it is deleted, whatever its location. */
    public Optional<OpportunityView> find(String opportunityId) {
        return jdbc.query("SELECT " + OpportunityRepository.COLUMNS + " FROM read_model.opportunity"
                        + " WHERE opportunity_id = ? AND NOT deleted",
                (rs, n) -> OpportunityRepository.view(rs), opportunityId).stream().findFirst();
    }

    /**
     * Up to {@code limit} hits of the location in order, after skipping {@code offset}.
     *
     * @param where the conditions beyond location and deletion, or null
     */
    public List<Hit> page(String locationId, OpportunityCondition where, OpportunityOrder order, int offset,
                          int limit) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(locationId);
        if (where != null) {
            arguments.addAll(where.arguments());
        }
        arguments.add(offset);
        arguments.add(limit);
        return jdbc.query(pageSql(where, order),
                (rs, n) -> new Hit(OpportunityRepository.view(rs), order.valuesOf(rs)), arguments.toArray());
    }

    /** How many deals of the location match, regardless of paging. */
    public long count(String locationId, OpportunityCondition where) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(locationId);
        if (where != null) {
            arguments.addAll(where.arguments());
        }
        Long count = jdbc.queryForObject("SELECT count(*) FROM read_model.opportunity WHERE location_id = ?"
                + " AND NOT deleted" + (where == null ? "" : " AND " + where.sql()), Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    /**
     * The SQL of {@link #page}; its arguments are the location, those of {@code where}, the offset and the limit.
     * Public so a test can ask PostgreSQL for its plan.
     */
    public static String pageSql(OpportunityCondition where, OpportunityOrder order) {
        return "SELECT " + OpportunityRepository.COLUMNS + ", " + order.sortColumns()
                + " FROM read_model.opportunity WHERE location_id = ? AND NOT deleted"
                + (where == null ? "" : " AND " + where.sql())
                + " ORDER BY " + order.orderBy() + " OFFSET ? LIMIT ?";
    }
}
