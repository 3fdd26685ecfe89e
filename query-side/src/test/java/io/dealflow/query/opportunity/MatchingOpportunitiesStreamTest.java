package io.dealflow.query.opportunity;

import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV export reads every match through a cursor: 100,000 wide rows (about 150 MB as Java objects) go through a
 * JVM whose heap is capped at 48 MB.
 */
class MatchingOpportunitiesStreamTest {

    private static final int ROWS = 100_000;

    @Test
    void handsEveryMatchOverInAHeapFarSmallerThanTheResult() throws Exception {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        jdbc.update("""
                INSERT INTO read_model.opportunity (opportunity_id, location_id, name, pipeline_id, stage_id, status,
                    monetary_value, currency, contact_name, tags, custom_fields, created_at, updated_at,
                    last_stage_change_at, version)
                SELECT 'o-' || g, 'streamed', repeat('n', 200) || g, 'p', 's', 'open', g, 'USD', repeat('c', 200),
                    ARRAY[repeat('t', 200)], jsonb_build_object('note', repeat('x', 600)), now(), now(), now(), 1
                FROM generate_series(1, ?) g""", ROWS);
        String url = ((SimpleDriverDataSource) jdbc.getDataSource()).getUrl();

        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                StreamProbe.class.getName(), url).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output.strip()).endsWith("rows=" + ROWS);
    }

    /** Runs in the capped JVM: counts what {@link MatchingOpportunities#forEach} hands over. */
    static final class StreamProbe {
        public static void main(String[] args) {
            SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), args[0], "postgres", "");
            MatchingOpportunities matching = new MatchingOpportunities(new JdbcTemplate(dataSource),
                    new DataSourceTransactionManager(dataSource));
            OpportunityFilter filter = OpportunityFilter.of("streamed", name -> name.equals("status")
                    ? new String[]{"all"} : null);
            AtomicLong rows = new AtomicLong();
            matching.forEach(filter, row -> rows.incrementAndGet());
            List<String> keys = matching.customFieldKeys(filter);
            System.out.println("keys=" + keys + " rows=" + rows.get());
        }
    }
}
