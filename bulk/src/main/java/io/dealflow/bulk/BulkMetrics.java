package io.dealflow.bulk;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code dealflow_bulk_running{job}} and {@code dealflow_bulk_items_remaining{job}}: bulk operations and CSV imports
 * ({@code job} = {@code operation}, {@code import}) still running in the whole cluster, and the items or rows they have
 * left, read from the bulk module's tables at each scrape.
 */
@Component
class BulkMetrics {

    BulkMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        gauge(registry, jdbc, "dealflow.bulk.running", "operation", "Bulk operations and imports still running",
                "SELECT count(*) FROM bulk.operation WHERE status = 'running'");
        gauge(registry, jdbc, "dealflow.bulk.running", "import", "Bulk operations and imports still running",
                "SELECT count(*) FROM bulk.import WHERE status = 'running'");
        gauge(registry, jdbc, "dealflow.bulk.items.remaining", "operation",
                "Items (operations) or rows (imports) of running jobs not yet applied",
                "SELECT coalesce(sum(total - succeeded - unchanged - failed), 0) FROM bulk.operation"
                        + " WHERE status = 'running'");
        gauge(registry, jdbc, "dealflow.bulk.items.remaining", "import",
                "Items (operations) or rows (imports) of running jobs not yet applied",
                "SELECT coalesce(sum(rows - created - updated - unchanged - failed), 0) FROM bulk.import"
                        + " WHERE status = 'running'");
    }

    private static void gauge(MeterRegistry registry, JdbcTemplate jdbc, String name, String job, String description,
                              String sql) {
        Gauge.builder(name, () -> {
            try {
                Number value = jdbc.queryForObject(sql, Number.class);
                return value == null ? 0 : value.doubleValue();
            } catch (RuntimeException databaseUnreachable) {
                return Double.NaN;
            }
        }).description(description).tag("job", job).register(registry);
    }
}
