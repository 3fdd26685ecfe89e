package io.dealflow.query.opportunity;

import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom field filters of GET /opportunities read indexes, not every deal: on a location with 10,000 deals (rows
 * written straight into the read model, then analysed), the plan of a selective filter has no sequential scan of the
 * deals or of their values. A filter that matches a large share of the deals may rightly scan; that is not asserted.
 */
class CustomFieldSearchPlanTest extends QueryApiTest {

    private static final int DEALS = 10_000;

    @AfterEach
    void removeTheRows() {
        jdbc.update("DELETE FROM read_model.opportunity_custom_value WHERE location_id = ?", location);
        jdbc.update("DELETE FROM read_model.opportunity WHERE location_id = ?", location);
    }

    private void manyDeals() {
        jdbc.update("""
                INSERT INTO read_model.opportunity (opportunity_id, location_id, name, pipeline_id, stage_id, status,
                    monetary_value, currency, created_at, updated_at, last_stage_change_at, version)
                SELECT ? || '-' || i, ?, 'Deal ' || i, 'p', 's', 'open', i, 'USD',
                       now() - i * interval '1 minute', now(), now(), 1
                FROM generate_series(1, ?) i""", location, location, DEALS);
        jdbc.update("""
                INSERT INTO read_model.opportunity_custom_value (opportunity_id, location_id, field_key, text_value,
                    number_value)
                SELECT ? || '-' || i, ?, 'fit', 'option-' || (i % 200), NULL FROM generate_series(1, ?) i
                UNION ALL
                SELECT ? || '-' || i, ?, 'budget', NULL, i FROM generate_series(1, ?) i
                UNION ALL
                SELECT ? || '-' || i, ?, 'closing', to_char(date '2026-01-01' + (i % 1000), 'YYYY-MM-DD'), NULL
                FROM generate_series(1, ?) i""",
                location, location, DEALS, location, location, DEALS, location, location, DEALS);
        jdbc.execute("ANALYZE read_model.opportunity");
        jdbc.execute("ANALYZE read_model.opportunity_custom_value");
    }

    private String plan(Map<String, String[]> parameters) {
        SearchCriteria criteria = new SearchCriteria(location, null, null, null, null, null, List.of(), null, null,
                null, null, null, null, CustomFieldFilter.of(parameters));
        List<Object> arguments = new ArrayList<>();
        String sql = "EXPLAIN SELECT * FROM read_model.opportunity WHERE " + criteria.conditions(arguments)
                + " ORDER BY " + SearchSort.parse(null).orderBy() + " LIMIT 21";
        return String.join("\n", jdbc.queryForList(sql, String.class, arguments.toArray()));
    }

    @Test
    void readsEqualityAndRangeFiltersThroughIndexes() {
        manyDeals();

        for (Map<String, String[]> filter : List.of(
                Map.of("cf.fit", new String[]{"option-7"}),
                Map.of("cf.budget.min", new String[]{"9950"}),
                Map.of("cf.budget", new String[]{"1234"}),
                Map.of("cf.closing.min", new String[]{"2026-01-02"}, "cf.closing.max", new String[]{"2026-01-03"}))) {
            String plan = plan(filter);
            assertThat(plan).as(filter.keySet() + "\n" + plan).doesNotContain("Seq Scan")
                    .contains("opportunity_custom_value_");
        }
    }
}
