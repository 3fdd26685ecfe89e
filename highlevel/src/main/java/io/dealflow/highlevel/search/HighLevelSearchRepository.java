package io.dealflow.highlevel.search;

import io.dealflow.highlevel.opportunity.HighLevelOpportunity;
import io.dealflow.highlevel.opportunity.HighLevelOpportunityReader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs searches on {@code read_model.opportunity}. Every search is scoped to one location and to deals that are not
 * deleted, which the read model's partial indexes lead with, so no search scans the whole table; filters on the
 * indexed fields (pipeline and stage, contact, owner, source, name, value, dates, text) use their indexes.
 */
@Repository
class HighLevelSearchRepository {

    private final JdbcTemplate jdbc;

    HighLevelSearchRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A hit and its sort values. */
    record Hit(HighLevelOpportunity opportunity, List<Object> sortValues) {
    }

    /**
     * Up to {@code limit} hits in order, after skipping {@code offset}.
     *
     * @param where     conditions beyond location and deletion, or null
     * @param arguments the arguments of {@code where}
     */
    List<Hit> page(String locationId, String where, List<Object> arguments, SearchOrder order, int offset,
                   int limit) {
        List<Object> all = new ArrayList<>();
        all.add(locationId);
        all.addAll(arguments);
        all.add(offset);
        all.add(limit);
        return jdbc.query(pageSql(where, order),
                (rs, n) -> new Hit(HighLevelOpportunityReader.ROW.mapRow(rs, n), order.valuesOf(rs)), all.toArray());
    }

    /** The SQL of {@link #page}: arguments are the location, those of {@code where}, the offset and the limit. */
    static String pageSql(String where, SearchOrder order) {
        return "SELECT " + HighLevelOpportunityReader.COLUMNS + ", " + order.sortColumns()
                + " FROM read_model.opportunity WHERE location_id = ? AND NOT deleted"
                + (where == null ? "" : " AND " + where)
                + " ORDER BY " + order.orderBy() + " OFFSET ? LIMIT ?";
    }

    /** How many deals of the location match, regardless of paging. */
    long count(String locationId, String where, List<Object> arguments) {
        List<Object> all = new ArrayList<>();
        all.add(locationId);
        all.addAll(arguments);
        Long count = jdbc.queryForObject("SELECT count(*) FROM read_model.opportunity WHERE location_id = ?"
                + " AND NOT deleted" + (where == null ? "" : " AND " + where), Long.class, all.toArray());
        return count == null ? 0 : count;
    }
}
