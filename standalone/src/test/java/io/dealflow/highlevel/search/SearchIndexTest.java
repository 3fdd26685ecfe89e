package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.query.opportunity.OpportunityCondition;
import io.dealflow.query.opportunity.OpportunityReader;
import io.dealflow.standalone.StandaloneApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The searches the door runs never scan the opportunity read model: with many deals of other locations in the table,
 * PostgreSQL plans each filter on an indexed field with an index. The plans are of the exact SQL the door sends.
 */
class SearchIndexTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void manyDealsOfOtherLocations() {
        Long present = jdbc.queryForObject("SELECT count(*) FROM read_model.opportunity WHERE opportunity_id LIKE"
                + " 'filler-%'", Long.class);
        if (present != null && present > 0) {
            return;
        }
        jdbc.update("""
                INSERT INTO read_model.opportunity (opportunity_id, location_id, name, pipeline_id, stage_id, status,
                    monetary_value, currency, contact_id, assigned_to, source, created_at, updated_at,
                    last_stage_change_at, last_status_change_at, version)
                SELECT 'filler-' || n, 'other-' || (n % 50), 'Deal ' || n, 'pipe-' || (n % 200), 'stage-' || (n % 7),
                    'open', n, 'USD', 'contact-' || n, 'owner-' || (n % 30), 'source-' || (n % 10),
                    now() - n * interval '1 minute', now(), now(), now(), 1
                FROM generate_series(1, 20000) AS n
                ON CONFLICT DO NOTHING""");
        jdbc.execute("ANALYZE read_model.opportunity");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "[{\"field\": \"pipeline_id\", \"operator\": \"eq\", \"value\": \"pipe-1\"}]",
            "[{\"field\": \"pipeline_stage_id\", \"operator\": \"eq\", \"value\": \"stage-1\"}]",
            "[{\"field\": \"contact_id\", \"operator\": \"eq\", \"value\": \"contact-1\"}]",
            "[{\"field\": \"assigned_to\", \"operator\": \"eq\", \"value\": \"owner-1\"}]",
            "[{\"field\": \"source\", \"operator\": \"eq\", \"value\": \"source-1\"}]",
            "[{\"field\": \"monetary_value\", \"operator\": \"range\", \"value\": {\"gte\": 10, \"lt\": 20}}]",
            "[{\"field\": \"date_added\", \"operator\": \"range\", \"value\": {\"gte\": \"2026-01-01\"}}]",
            "[{\"group\": \"OR\", \"filters\": [{\"field\": \"status\", \"operator\": \"eq\", \"value\": \"won\"},"
                    + " {\"field\": \"name\", \"operator\": \"eq\", \"value\": \"deal 1\"}]}]"})
    void plansEveryFilterWithAnIndex(String filters) throws Exception {
        List<String> problems = new ArrayList<>();
        JsonNode parsed = JSON.readTree(filters);
        OpportunityCondition where = new SearchFilters(problems).all(parsed, "filters");
        assertThat(problems).isEmpty();
        SearchOrder order = SearchOrder.by(List.of());
        List<Object> all = new ArrayList<>();
        all.add(location);
        if (where != null) {
            all.addAll(where.arguments());
        }
        all.add(0);
        all.add(20);

        List<String> plan = jdbc.queryForList("EXPLAIN " + OpportunityReader.pageSql(where, order.order()),
                String.class, all.toArray());

        assertThat(String.join("\n", plan)).as(filters).contains("Index").doesNotContain("Seq Scan");
    }
}
