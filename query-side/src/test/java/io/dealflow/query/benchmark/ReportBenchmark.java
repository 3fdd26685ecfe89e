package io.dealflow.query.benchmark;

import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.QuerySideApplication;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the latency of every report over HTTP at a million opportunities, beside a same-run baseline (the pipeline
 * list, which reads two small tables) and a naive win rate that scans the deal rows instead of the day aggregates.
 * Run by hand: {@code java -cp <test classpath> io.dealflow.query.benchmark.ReportBenchmark [opportunities]}.
 *
 * <p>The report tables are filled by SQL, not by replaying events (a replay of 1.6M events through the one-segment
 * processor takes far longer than the measurement): one deal row per opportunity across 4 pipelines of 5 stages, 20
 * owners, 5 sources, 5% in EUR, created over 2024 and 2025, half open, a quarter won, 15% lost, 10% abandoned, 3%
 * deleted, three stage visits each; the day aggregates are then counted from the deal rows, the visit-length
 * histograms from the visits and the month rows from the day rows, exactly as the projection keeps them
 * (ReportProjectionTest checks that equality). The exact stage-duration query the report ran before the histograms is
 * timed beside them (SQL only). The queries marked H are the shapes of the harness (benchmarks' QueriesScenario): a
 * 366-day range of instants ending at {@link #NOW}, timed sequentially and with {@value #CLIENTS} closed-loop clients.
 */
public final class ReportBenchmark {

    private static final String LOCATION = "bench";
    /** "Now" of the filled data for the harness's query shapes: mid-month, mid-day, so every edge is partial. */
    private static final Instant NOW = Instant.parse("2025-12-17T15:42:10.250Z");
    private static final int CLIENTS = 8;

    public static void main(String[] args) throws Exception {
        List<String> options = Arrays.asList(args);
        boolean explain = options.contains("--explain");
        int opportunities = options.stream().filter(arg -> !arg.startsWith("--")).findFirst().map(Integer::parseInt)
                .orElse(1_000_000);
        String url = TestDatabase.freshDatabaseUrl();
        JdbcTemplate jdbc = new JdbcTemplate(new SimpleDriverDataSource(new Driver(), url, "postgres", ""));
        Flyway.configure().dataSource(jdbc.getDataSource()).schemas(EventStoreLayout.SCHEMA)
                .table("flyway_history").locations("classpath:db/event-store").load().migrate();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.datasource.url=" + url, "spring.datasource.username=postgres",
                        "spring.datasource.password=", "server.port=0", "logging.level.root=WARN",
                        "dealflow.security.bootstrap-key=" + TestKeys.OPERATOR)
                .run();
        long start = System.nanoTime();
        fill(jdbc, opportunities);
        jdbc.execute("VACUUM ANALYZE");
        System.out.printf("report rows for %d opportunities filled and analysed in %.1f s%n", opportunities,
                (System.nanoTime() - start) / 1e9);
        for (String table : new String[]{"report_deal", "report_stage_visit", "report_close_day",
                "report_created_day", "report_open_stage", "report_stage_duration",
                "report_open_visit_day", "report_close_month", "report_created_month"}) {
            System.out.printf("  %-20s %,10d rows%n", table,
                    jdbc.queryForObject("SELECT count(*) FROM read_model." + table, Long.class));
        }
        if (explain) {
            explainHarnessParts(jdbc);
        }
        measure(context.getEnvironment().getProperty("local.server.port"));
        measureNaiveWinRate(jdbc);
        measureExactStageDurations(jdbc, "2025-04-01T09:30:00Z", "2025-07-01T17:45:00.500Z", "quarter");
        measureExactStageDurations(jdbc, "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "year");
        context.close();
        System.exit(0);
    }

    private static void fill(JdbcTemplate jdbc, int opportunities) {
        for (int p = 0; p < 4; p++) {
            jdbc.update("INSERT INTO read_model.report_pipeline (pipeline_id, location_id, version) VALUES (?, ?, 1)",
                    "pipe-" + p, LOCATION);
            for (int s = 0; s < 5; s++) {
                jdbc.update("INSERT INTO read_model.report_stage VALUES (?, ?, ?, ?, ?)", "pipe-" + p,
                        "pipe-" + p + "-stage-" + s, "Stage " + s, s, 10 + 20 * s);
            }
        }
        jdbc.update("""
                INSERT INTO read_model.report_deal (opportunity_id, location_id, pipeline_id, stage_id,
                    furthest_stage_id, status, monetary_value, currency, assigned_to, source, created_at, closed_at,
                    deleted, version)
                SELECT 'opp-' || i, ?, 'pipe-' || (i % 4), 'pipe-' || (i % 4) || '-stage-' || (i / 4 % 5),
                       'pipe-' || (i % 4) || '-stage-' || (i / 4 % 5),
                       CASE WHEN r < 0.5 THEN 'open' WHEN r < 0.75 THEN 'won' WHEN r < 0.9 THEN 'lost'
                            ELSE 'abandoned' END,
                       round((random() * 100000)::numeric, 2), CASE WHEN i % 20 = 0 THEN 'EUR' ELSE 'USD' END,
                       'owner' || (i % 20), 'source' || (i % 5), created,
                       CASE WHEN r < 0.5 THEN NULL
                            ELSE date_trunc('milliseconds', created + random() * INTERVAL '90 days') END,
                       i % 33 = 0, 5
                FROM (SELECT i, random() AS r,
                             date_trunc('milliseconds', TIMESTAMPTZ '2024-01-01' + random() * INTERVAL '731 days')
                                 AS created
                      FROM generate_series(1, ?) i) d""", LOCATION, opportunities);
        jdbc.update("""
                INSERT INTO read_model.report_stage_visit (opportunity_id, sequence, location_id, pipeline_id,
                    stage_id, entered_at, left_at, deleted)
                SELECT opportunity_id, k, location_id, pipeline_id, pipeline_id || '-stage-' || k,
                       created_at + k * INTERVAL '5 days',
                       CASE WHEN k = 2 AND status = 'open' THEN NULL
                            ELSE date_trunc('milliseconds', created_at + k * INTERVAL '5 days'
                                 + random() * INTERVAL '10 days') END,
                       deleted
                FROM read_model.report_deal, generate_series(0, 2) k""");
        jdbc.update("""
                INSERT INTO read_model.report_close_day (location_id, dimension, day, pipeline_id, dim_key, currency,
                    status, deals, total_value, cycle_millis)
                SELECT location_id, dimension, (closed_at AT TIME ZONE 'UTC')::date, pipeline_id,
                       CASE dimension WHEN 'owner' THEN coalesce(assigned_to, '')
                                      WHEN 'source' THEN coalesce(source, '') ELSE '' END,
                       currency, status, count(*), sum(monetary_value),
                       sum((extract(epoch FROM closed_at) * 1000 - extract(epoch FROM created_at) * 1000)::bigint)
                FROM read_model.report_deal
                CROSS JOIN (VALUES ('pipeline'), ('owner'), ('source')) AS dimensions (dimension)
                WHERE closed_at IS NOT NULL AND NOT deleted GROUP BY 1, 2, 3, 4, 5, 6, 7""");
        jdbc.update("""
                INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won,
                    deals)
                SELECT location_id, (created_at AT TIME ZONE 'UTC')::date, pipeline_id,
                       coalesce(furthest_stage_id, ''), status = 'won', count(*)
                FROM read_model.report_deal WHERE NOT deleted GROUP BY 1, 2, 3, 4, 5""");
        jdbc.update("""
                INSERT INTO read_model.report_open_stage (pipeline_id, stage_id, currency, location_id, deals,
                    total_value)
                SELECT pipeline_id, stage_id, currency, location_id, count(*), sum(monetary_value)
                FROM read_model.report_deal WHERE status = 'open' AND NOT deleted GROUP BY 1, 2, 3, 4""");
        jdbc.update("""
                INSERT INTO read_model.report_stage_duration (pipeline_id, grain, period, stage_id, visits,
                    total_millis, buckets, bucket_visits)
                SELECT pipeline_id, grain, period, stage_id, sum(visits), sum(total_millis),
                       array_agg(bucket ORDER BY bucket), array_agg(visits ORDER BY bucket)
                FROM (SELECT pipeline_id, grain.name AS grain,
                             CASE grain.name WHEN 'day' THEN (left_at AT TIME ZONE 'UTC')::date
                                  ELSE date_trunc('month', left_at AT TIME ZONE 'UTC')::date END AS period,
                             stage_id, read_model.report_duration_bucket(millis) AS bucket, count(*)::int AS visits,
                             sum(millis) AS total_millis
                      FROM (SELECT pipeline_id, stage_id, left_at, (extract(epoch FROM left_at) * 1000
                                   - extract(epoch FROM entered_at) * 1000)::bigint AS millis
                            FROM read_model.report_stage_visit WHERE left_at IS NOT NULL AND NOT deleted) visit
                      CROSS JOIN (VALUES ('day'), ('month')) AS grain (name)
                      GROUP BY 1, 2, 3, 4, 5) bucket
                GROUP BY 1, 2, 3, 4""");
        // The month rows, per pipeline and across every pipeline (''), counted from the day rows as migration V5 does.
        jdbc.update("""
                INSERT INTO read_model.report_close_month (location_id, dimension, month, pipeline_id, dim_key,
                    currency, status, deals, total_value, cycle_millis)
                SELECT location_id, dimension, date_trunc('month', day)::date, scope.pipeline_id, dim_key, currency,
                       status, sum(deals), sum(total_value), sum(cycle_millis)
                FROM read_model.report_close_day
                CROSS JOIN LATERAL (VALUES (report_close_day.pipeline_id), ('')) AS scope (pipeline_id)
                GROUP BY 1, 2, 3, 4, 5, 6, 7""");
        jdbc.update("""
                INSERT INTO read_model.report_created_month (location_id, pipeline_id, month, furthest_stage_id, won,
                    deals)
                SELECT location_id, scope.pipeline_id, date_trunc('month', day)::date, scope.furthest_stage_id, won,
                       sum(deals)
                FROM read_model.report_created_day
                CROSS JOIN LATERAL (VALUES (report_created_day.pipeline_id, report_created_day.furthest_stage_id),
                                           ('', '')) AS scope (pipeline_id, furthest_stage_id)
                GROUP BY 1, 2, 3, 4, 5""");
        // The day rows across every pipeline, as migration V6 counts them (after the months, which count only the
        // per-pipeline day rows).
        jdbc.update("""
                INSERT INTO read_model.report_close_day (location_id, dimension, day, pipeline_id, dim_key, currency,
                    status, deals, total_value, cycle_millis)
                SELECT location_id, dimension, day, '', dim_key, currency, status, sum(deals), sum(total_value),
                       sum(cycle_millis)
                FROM read_model.report_close_day GROUP BY location_id, dimension, day, dim_key, currency, status""");
        jdbc.update("""
                INSERT INTO read_model.report_created_day (location_id, day, pipeline_id, furthest_stage_id, won,
                    deals)
                SELECT location_id, day, '', '', won, sum(deals)
                FROM read_model.report_created_day GROUP BY location_id, day, won""");
        jdbc.update("""
                INSERT INTO read_model.report_open_visit_day (pipeline_id, stage_id, day, visits)
                SELECT pipeline_id, stage_id, (entered_at AT TIME ZONE 'UTC')::date, count(*)
                FROM read_model.report_stage_visit WHERE left_at IS NULL AND NOT deleted GROUP BY 1, 2, 3""");
    }

    /**
     * With {@code --explain}: the plans, with timings and buffers, of the parts the harness's reports read: the whole
     * edge days (the 366-day range ending at {@link #NOW} reads 15 days at each end, the month decomposition taking
     * them away at the end), the partial edge days and the stage-duration reads.
     */
    private static void explainHarnessParts(JdbcTemplate jdbc) {
        String days = "(day >= DATE '2024-12-17' AND day < DATE '2025-01-01'"
                + " OR day >= DATE '2025-12-17' AND day < DATE '2026-01-01')";
        Instant from = NOW.minus(Duration.ofDays(366));
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("win-rate by owner: edge days, every pipeline", "SELECT dim_key, status, currency, sum(deals)"
                + " FROM read_model.report_close_day WHERE location_id = 'bench' AND dimension = 'owner'"
                + " AND pipeline_id = '' AND " + days + " GROUP BY 1, 2, 3");
        parts.put("win-rate by owner: edge days, per pipeline summed", "SELECT dim_key, status, currency, sum(deals)"
                + " FROM read_model.report_close_day WHERE location_id = 'bench' AND dimension = 'owner'"
                + " AND pipeline_id <> '' AND " + days + " GROUP BY 1, 2, 3");
        parts.put("win-rate by owner: months", "SELECT dim_key, status, currency, sum(deals)"
                + " FROM read_model.report_close_month WHERE location_id = 'bench' AND dimension = 'owner'"
                + " AND pipeline_id = '' AND month >= DATE '2025-01-01' AND month < DATE '2026-01-01'"
                + " GROUP BY 1, 2, 3");
        parts.put("win-rate by owner: partial days", "SELECT coalesce(assigned_to, ''), status, currency, count(*)"
                + " FROM read_model.report_deal WHERE location_id = 'bench' AND closed_at IS NOT NULL AND NOT deleted"
                + " AND (closed_at >= '" + from + "' AND closed_at < '2024-12-17' OR closed_at >= '2025-12-17'"
                + " AND closed_at < '" + NOW + "') GROUP BY 1, 2, 3");
        parts.put("conversion: edge days, every pipeline", "SELECT won, sum(deals) FROM read_model.report_created_day"
                + " WHERE location_id = 'bench' AND pipeline_id = '' AND " + days + " GROUP BY 1");
        parts.put("stage-durations: histogram rows", "SELECT stage_id, visits, total_millis, buckets, bucket_visits"
                + " FROM read_model.report_stage_duration WHERE pipeline_id = 'pipe-1' AND (grain = 'month'"
                + " AND period >= DATE '2025-01-01' AND period < DATE '2026-01-01' OR grain = 'day' AND "
                + days.replace("day >=", "period >=").replace("day <", "period <") + ")");
        parts.put("stage-durations: partial days", "SELECT stage_id, round((date_part('epoch', left_at)"
                + " - date_part('epoch', entered_at)) * 1000)::bigint FROM read_model.report_stage_visit"
                + " WHERE pipeline_id = 'pipe-1' AND left_at IS NOT NULL AND NOT deleted AND left_at >= '2025-12-17'"
                + " AND left_at < '" + NOW + "'");
        parts.forEach((name, sql) -> {
            System.out.println("EXPLAIN " + name);
            jdbc.query("EXPLAIN (ANALYZE, BUFFERS) " + sql, rs -> {
                System.out.println("  " + rs.getString(1));
            });
        });
    }

    private static void measure(String port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/api/v1/locations/" + LOCATION;
        String quarter = "from=2025-04-01T09:30:00Z&to=2025-07-01T17:45:00.500Z";
        String year = "from=2025-01-01&to=2026-01-01";
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("baseline: pipelines", "/pipelines");
        queries.put("win-rate quarter", "/reports/win-rate?" + quarter);
        queries.put("win-rate year", "/reports/win-rate?" + year);
        queries.put("win-rate year by owner", "/reports/win-rate?groupBy=owner&" + year);
        queries.put("win-rate year by month", "/reports/win-rate?groupBy=month&" + year);
        queries.put("win-rate all time", "/reports/win-rate");
        queries.put("conversion quarter", "/reports/conversion?" + quarter);
        queries.put("conversion year pipeline", "/reports/conversion?pipelineId=pipe-1&" + year);
        queries.put("funnel quarter", "/reports/funnel?pipelineId=pipe-1&" + quarter);
        queries.put("forecast", "/reports/forecast?pipelineId=pipe-1");
        queries.put("stage-durations quarter", "/reports/stage-durations?pipelineId=pipe-1&" + quarter);
        queries.put("stage-durations year", "/reports/stage-durations?pipelineId=pipe-1&" + year);
        queries.put("velocity quarter", "/reports/velocity?" + quarter);
        queries.put("velocity year pipeline", "/reports/velocity?pipelineId=pipe-1&" + year);
        String harness = "from=" + NOW.minus(Duration.ofDays(366)) + "&to=" + NOW;
        Map<String, String> harnessQueries = new LinkedHashMap<>();
        harnessQueries.put("H baseline: pipelines", "/pipelines");
        harnessQueries.put("H win-rate by owner", "/reports/win-rate?" + harness + "&groupBy=owner");
        harnessQueries.put("H conversion", "/reports/conversion?" + harness);
        harnessQueries.put("H funnel", "/reports/funnel?pipelineId=pipe-1&" + harness);
        harnessQueries.put("H forecast", "/reports/forecast?pipelineId=pipe-1");
        harnessQueries.put("H stage-durations", "/reports/stage-durations?pipelineId=pipe-1&" + harness);
        harnessQueries.put("H velocity", "/reports/velocity?pipelineId=pipe-1&" + harness);
        queries.putAll(harnessQueries);
        for (Map.Entry<String, String> query : queries.entrySet()) {
            URI uri = URI.create(base + query.getValue());
            long[] nanos = new long[300];
            for (int i = -50; i < nanos.length; i++) {
                long begin = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + TestKeys.OPERATOR).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query + " answered " + response.statusCode() + response.body());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - begin;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%-28s p50 %7.1f ms  p99 %7.1f ms  (300 sequential requests after 50 warm-up)%n",
                    query.getKey(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
        }
        for (Map.Entry<String, String> query : harnessQueries.entrySet()) {
            closedLoop(http, URI.create(base + query.getValue()), query.getKey());
        }
    }

    /** The harness's load: {@value #CLIENTS} clients, each sending its next request when the last one answered. */
    private static void closedLoop(HttpClient http, URI uri, String name) throws Exception {
        int perClient = 100;
        long[] nanos = new long[CLIENTS * perClient];
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            done.add(clients.submit(() -> {
                for (int i = -10; i < perClient; i++) {
                    long begin = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + TestKeys.OPERATOR).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(name + " answered " + response.statusCode());
                    }
                    if (i >= 0) {
                        nanos[client * perClient + i] = System.nanoTime() - begin;
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
        Arrays.sort(nanos);
        System.out.printf("%-28s p50 %7.1f ms  p99 %7.1f ms  (%d closed-loop clients x %d requests after 10 warm-up)%n",
                name + " x" + CLIENTS, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6, CLIENTS,
                perClient);
    }

    /**
     * What the stage durations cost before the histograms: exact percentiles over every visit that ended in the range
     * (the query the report ran until then).
     */
    private static void measureExactStageDurations(JdbcTemplate jdbc, String from, String to, String name) {
        long[] nanos = new long[10];
        for (int i = -2; i < nanos.length; i++) {
            long begin = System.nanoTime();
            jdbc.queryForList("""
                    SELECT stage_id, count(*), avg(extract(epoch FROM left_at) - extract(epoch FROM entered_at)),
                           percentile_cont(0.5) WITHIN GROUP (ORDER BY left_at - entered_at),
                           percentile_cont(0.9) WITHIN GROUP (ORDER BY left_at - entered_at)
                    FROM read_model.report_stage_visit
                    WHERE pipeline_id = 'pipe-1' AND left_at IS NOT NULL AND NOT deleted
                      AND left_at >= ?::timestamptz AND left_at < ?::timestamptz
                    GROUP BY stage_id""", from, to);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - begin;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-28s p50 %7.1f ms  max %7.1f ms  (SQL only, 10 runs after 2 warm-up)%n",
                "exact durations " + name, nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** What the year's win rate would cost without the day aggregates: one scan of the closed deal rows. */
    private static void measureNaiveWinRate(JdbcTemplate jdbc) {
        long[] nanos = new long[20];
        for (int i = -3; i < nanos.length; i++) {
            long begin = System.nanoTime();
            jdbc.queryForList("""
                    SELECT status, currency, count(*), sum(monetary_value) FROM read_model.report_deal
                    WHERE location_id = ? AND closed_at >= '2025-01-01' AND closed_at < '2026-01-01' AND NOT deleted
                    GROUP BY status, currency""", LOCATION);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - begin;
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-28s p50 %7.1f ms  max %7.1f ms  (SQL only, 20 runs after 3 warm-up)%n",
                "naive win-rate year (scan)", nanos[nanos.length / 2] / 1e6, nanos[nanos.length - 1] / 1e6);
    }
}
