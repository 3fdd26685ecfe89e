package io.dealflow.query.report;

import io.dealflow.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migrations V5 and V6 count the month rows, and the day rows across every pipeline, of a database that already holds
 * per-pipeline day rows, as the projection would have.
 */
class ReportMonthsMigrationTest {

    @Test
    void fillsTheMonthRowsFromTheDayRows() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), TestDatabase.freshDatabaseUrl(),
                "postgres", "");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        migrate(dataSource, "4");
        jdbc.update("""
                INSERT INTO read_model.report_close_day (location_id, dimension, day, pipeline_id, dim_key, currency,
                    status, deals, total_value, cycle_millis)
                VALUES ('loc', 'owner', '2026-01-31', 'p1', 'ann', 'USD', 'won', 2, 30.50, 1000),
                       ('loc', 'owner', '2026-01-02', 'p1', 'ann', 'USD', 'won', 1, 10.00, 500),
                       ('loc', 'owner', '2026-01-02', 'p2', 'ann', 'USD', 'won', 3, 1.00, 7),
                       ('loc', 'owner', '2026-02-01', 'p2', 'ann', 'USD', 'won', 1, 5.00, 9),
                       ('loc', 'owner', '2026-02-03', 'p2', 'bob', 'USD', 'lost', 0, 0.00, 0)""");
        jdbc.update("""
                INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won,
                    deals)
                VALUES ('loc', '2026-01-31', 'p1', 's1', TRUE, 2), ('loc', '2026-01-01', 'p1', 's2', TRUE, 1),
                       ('loc', '2026-01-05', 'p2', 's9', TRUE, 4), ('loc', '2026-03-05', 'p2', 's9', FALSE, 1)""");

        migrate(dataSource, "5");

        assertThat(jdbc.query("""
                SELECT month, pipeline_id, dim_key, deals, total_value, cycle_millis FROM read_model.report_close_month
                ORDER BY month, pipeline_id""", (rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getString(3) + " " + rs.getLong(4) + " " + rs.getBigDecimal(5) + " " + rs.getLong(6)))
                .containsExactly("2026-01-01  ann 6 41.50 1507", "2026-01-01 p1 ann 3 40.50 1500",
                        "2026-01-01 p2 ann 3 1.00 7", "2026-02-01  ann 1 5.00 9", "2026-02-01 p2 ann 1 5.00 9");
        assertThat(jdbc.query("""
                SELECT month, pipeline_id, furthest_stage_id, won, deals FROM read_model.report_created_month
                ORDER BY month, pipeline_id, furthest_stage_id""", (rs, n) -> rs.getString(1) + " "
                + rs.getString(2) + " " + rs.getString(3) + " " + rs.getBoolean(4) + " " + rs.getLong(5)))
                .isEqualTo(List.of("2026-01-01   true 7", "2026-01-01 p1 s1 true 2", "2026-01-01 p1 s2 true 1",
                        "2026-01-01 p2 s9 true 4", "2026-03-01   false 1", "2026-03-01 p2 s9 false 1"));
    }

    @Test
    void fillsTheDayRowsAcrossEveryPipelineFromThePerPipelineDayRows() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), TestDatabase.freshDatabaseUrl(),
                "postgres", "");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        migrate(dataSource, "5");
        jdbc.update("""
                INSERT INTO read_model.report_close_day (location_id, dimension, day, pipeline_id, dim_key, currency,
                    status, deals, total_value, cycle_millis)
                VALUES ('loc', 'owner', '2026-01-02', 'p1', 'ann', 'USD', 'won', 1, 10.00, 500),
                       ('loc', 'owner', '2026-01-02', 'p2', 'ann', 'USD', 'won', 3, 1.00, 7),
                       ('loc', 'owner', '2026-01-02', 'p2', 'bob', 'USD', 'won', 1, 2.00, 3),
                       ('loc', 'owner', '2026-02-01', 'p2', 'ann', 'USD', 'won', 1, 5.00, 9),
                       ('loc', 'owner', '2026-02-03', 'p2', 'bob', 'USD', 'lost', 0, 0.00, 0)""");
        jdbc.update("""
                INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won,
                    deals)
                VALUES ('loc', '2026-01-05', 'p1', 's1', TRUE, 2), ('loc', '2026-01-05', 'p1', 's2', TRUE, 1),
                       ('loc', '2026-01-05', 'p2', 's9', TRUE, 4), ('loc', '2026-01-05', 'p2', 's9', FALSE, 1),
                       ('loc', '2026-03-05', 'p2', 's9', FALSE, 0)""");

        migrate(dataSource, "6");

        assertThat(jdbc.query("""
                SELECT day, dim_key, deals, total_value, cycle_millis FROM read_model.report_close_day
                WHERE pipeline_id = '' ORDER BY day, dim_key""", (rs, n) -> rs.getString(1) + " " + rs.getString(2)
                + " " + rs.getLong(3) + " " + rs.getBigDecimal(4) + " " + rs.getLong(5)))
                .containsExactly("2026-01-02 ann 4 11.00 507", "2026-01-02 bob 1 2.00 3", "2026-02-01 ann 1 5.00 9");
        assertThat(jdbc.query("""
                SELECT day, furthest_stage_id, won, deals FROM read_model.report_created_day
                WHERE pipeline_id = '' ORDER BY day, won""", (rs, n) -> rs.getString(1) + " " + rs.getString(2)
                + " " + rs.getBoolean(3) + " " + rs.getLong(4)))
                .containsExactly("2026-01-05  false 1", "2026-01-05  true 7");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.report_close_day WHERE pipeline_id <> ''",
                Long.class)).isEqualTo(5);
    }

    private static void migrate(SimpleDriverDataSource dataSource, String version) {
        Flyway.configure().dataSource(dataSource).schemas("read_model").table("flyway_history")
                .locations("classpath:db/query").target(version).load().migrate();
    }
}
