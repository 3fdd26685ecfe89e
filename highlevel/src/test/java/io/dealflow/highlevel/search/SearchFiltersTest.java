package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.query.opportunity.OpportunityCondition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filter groups to the query side's conditions (read here as the SQL they render): values are always bound, groups
 * nest, every problem is reported.
 */
class SearchFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Object> arguments = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    private String sql(String filters) throws Exception {
        JsonNode parsed = JSON.readTree(filters);
        OpportunityCondition condition = new SearchFilters(problems).all(parsed, "filters");
        if (condition == null) {
            return null;
        }
        arguments.addAll(condition.arguments());
        return condition.sql();
    }

    @Test
    void nestsGroupsAndBindsEveryValue() throws Exception {
        String sql = sql("[{\"field\": \"pipeline_id\", \"operator\": \"eq\", \"value\": \"p'1\"}, {\"group\": \"OR\","
                + " \"filters\": [{\"field\": \"monetary_value\", \"operator\": \"range\", \"value\": {\"gte\": 10,"
                + " \"lt\": \"20.5\"}}, {\"field\": \"name\", \"operator\": \"contains\", \"value\": \"50%\"}]}]");

        assertThat(problems).isEmpty();
        assertThat(sql).isEqualTo("(pipeline_id = ANY (?::text[]) AND ((monetary_value >= ? AND monetary_value < ?)"
                + " OR name ILIKE ?))");
        assertThat(arguments).hasSize(4);
        assertThat((String[]) arguments.get(0)).containsExactly("p'1");
        assertThat(arguments.get(1)).isEqualTo(new BigDecimal("10"));
        assertThat(arguments.get(2)).isEqualTo(new BigDecimal("20.5"));
        assertThat(arguments.get(3)).isEqualTo("%50\\%%");
    }

    @Test
    void readsDatesAsInstantsDatesOrEpochMilliseconds() throws Exception {
        sql("[{\"field\": \"date_added\", \"operator\": \"range\", \"value\": {\"gte\": \"2026-01-05\","
                + " \"lt\": \"2026-01-06T10:00:00.000Z\", \"gt\": 0}}]");

        assertThat(problems).isEmpty();
        assertThat(arguments).containsExactly(OffsetDateTime.parse("2026-01-05T00:00Z"),
                OffsetDateTime.parse("2026-01-06T10:00Z"), OffsetDateTime.parse("1970-01-01T00:00Z"));
    }

    @Test
    void treatsMissingValuesAsNotEqualAndFollowersAsAList() throws Exception {
        assertThat(sql("[{\"field\": \"source\", \"operator\": \"not_eq\", \"value\": \"web\"}]"))
                .isEqualTo("((source IS NULL OR NOT (source = ANY (?::text[]))))");
        assertThat(sql("[{\"field\": \"followers\", \"operator\": \"exists\"}]"))
                .isEqualTo("(cardinality(followers) > 0)");
    }

    @Test
    void reportsEveryProblem() throws Exception {
        assertThat(sql("[{\"field\": \"colour\"}, {\"field\": \"status\", \"operator\": \"range\", \"value\": {}},"
                + " {\"group\": \"NOR\"}, {\"field\": \"date_added\", \"operator\": \"eq\", \"value\": \"soon\"},"
                + " \"text\"]")).isNull();

        assertThat(problems).hasSize(5);
        assertThat(problems.get(0)).startsWith("filters.0.field must be one of");
        assertThat(problems.get(1)).isEqualTo("filters.1.operator range is not valid for status");
        assertThat(problems.get(2)).startsWith("filters.2.group");
        assertThat(problems.get(3)).startsWith("filters.3.value must be an ISO-8601");
        assertThat(problems.get(4)).isEqualTo("filters.4 must be an object");
    }
}
