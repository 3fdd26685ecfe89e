package io.dealflow.query.benchmark;

import io.dealflow.events.Contact;
import io.dealflow.events.Stage;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.QuerySideApplication;
import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.testsupport.TestDatabase;
import io.dealflow.security.testsupport.TestKeys;
import org.axonframework.messaging.MetaData;
import org.flywaydb.core.Flyway;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.postgresql.Driver;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Measures the read side at 100k opportunities: replay throughput of the projections for several batch sizes and
 * segment counts, then board and search latency over HTTP. Prints its figures; run by hand:
 * {@code java -cp <test classpath> io.dealflow.query.benchmark.ReadModelBenchmark [opportunities] [batch:segments ...]}.
 *
 * <p>Events are written straight into the event store table (serialised by the event store's own serializer) so the
 * set-up takes seconds, not minutes; the projections then read them through Axon as in production.
 */
public final class ReadModelBenchmark {

    private static final String LOCATION = "bench";
    private static final int PIPELINES = 4;
    private static final int STAGES = 5;

    private final JdbcTemplate jdbc;
    private final String url;
    private final Serializer serializer = EventSerialization.eventSerializer();
    private final byte[] emptyMetaData;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<Object[]> pending = new ArrayList<>();
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
    private long eventCount;
    final List<PipelineCreated> pipelines = new ArrayList<>();

    private ReadModelBenchmark(String url) {
        this.url = url;
        this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new Driver(), url, "postgres", ""));
        this.emptyMetaData = serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    public static void main(String[] args) throws Exception {
        int opportunities = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> settings = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of("50:1", "200:1", "200:2", "1000:2", "200:4");
        ReadModelBenchmark benchmark = new ReadModelBenchmark(TestDatabase.freshDatabaseUrl());
        long started = System.nanoTime();
        benchmark.writeEvents(opportunities, new Random(1));
        System.out.printf("events written: %d (%d opportunities) in %.1f s%n", benchmark.eventCount, opportunities,
                (System.nanoTime() - started) / 1e9);
        ConfigurableApplicationContext context = null;
        for (String setting : settings) {
            if (context != null) {
                context.close();
                benchmark.jdbc.execute("DROP SCHEMA read_model CASCADE");
            }
            String[] parts = setting.split(":");
            long start = System.nanoTime();
            context = benchmark.start(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            ProcessorPositions positions = context.getBean(ProcessorPositions.class);
            long head = benchmark.jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreLayout.EVENT_TABLE,
                    Long.class);
            while (!positions.cover(head, ReadModels.ALL)) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("replay batch=%s segments=%s: %.1f s, %.0f events/s (start-up included)%n",
                    parts[0], parts[1], seconds, benchmark.eventCount / seconds);
        }
        String port = context.getEnvironment().getProperty("local.server.port");
        System.out.println("-- right after the replay, before autovacuum has analysed the new rows:");
        benchmark.measureQueries(port);
        benchmark.jdbc.execute("VACUUM ANALYZE");
        System.out.println("-- after VACUUM ANALYZE (the steady state autovacuum keeps):");
        benchmark.measureQueries(port);
        benchmark.explainBoard();
        context.close();
        System.exit(0);
    }

    private ConfigurableApplicationContext start(int batchSize, int segments) {
        return new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.datasource.url=" + url, "spring.datasource.username=postgres",
                        "spring.datasource.password=", "server.port=0",
                        "dealflow.projections.batch-size=" + batchSize, "dealflow.projections.segments=" + segments,
                        "logging.level.root=WARN", "spring.datasource.hikari.maximum-pool-size=20",
                        "dealflow.security.bootstrap-key=" + TestKeys.OPERATOR)
                .run();
    }

    private void writeEvents(int opportunities, Random random) {
        jdbc.execute("SELECT 1");
        Flyway.configure().dataSource(jdbc.getDataSource()).schemas(EventStoreLayout.SCHEMA)
                .table("flyway_history").locations("classpath:db/event-store").load().migrate();
        for (int p = 0; p < PIPELINES; p++) {
            List<Stage> stages = new ArrayList<>();
            for (int s = 0; s < STAGES; s++) {
                stages.add(new Stage(UUID.randomUUID().toString(), "Stage " + s, s, 10 + 20 * s));
            }
            PipelineCreated pipeline = new PipelineCreated(UUID.randomUUID().toString(), LOCATION, "Pipeline " + p,
                    stages);
            pipelines.add(pipeline);
            add("Pipeline", pipeline.pipelineId(), pipeline);
        }
        List<OpportunityCreated> created = new ArrayList<>();
        for (int i = 0; i < opportunities; i++) {
            PipelineCreated pipeline = pipelines.get(random.nextInt(PIPELINES));
            String name = "Deal " + i + " " + WORDS[random.nextInt(WORDS.length)];
            OpportunityCreated event = new OpportunityCreated(UUID.randomUUID().toString(), LOCATION, name,
                    pipeline.pipelineId(), pipeline.stages().get(random.nextInt(STAGES)).id(),
                    BigDecimal.valueOf(random.nextInt(10_000_000), 2), random.nextInt(20) == 0 ? "EUR" : "USD",
                    new Contact("c" + i, "Contact " + i, "contact" + i + "@example.com", null,
                            WORDS[random.nextInt(WORDS.length)] + " Corp"),
                    "source" + random.nextInt(5), "owner" + random.nextInt(20), List.of(),
                    List.of("tag" + random.nextInt(10)), Map.of());
            created.add(event);
            add("Opportunity", event.opportunityId(), event);
        }
        for (int i = 0; i < opportunities * 6 / 10; i++) {
            OpportunityCreated deal = created.get(random.nextInt(created.size()));
            String id = deal.opportunityId();
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3, 4 -> {
                    PipelineCreated pipeline = pipelines.stream()
                            .filter(candidate -> candidate.pipelineId().equals(deal.pipelineId())).findFirst()
                            .orElseThrow();
                    add("Opportunity", id, new OpportunityStageMoved(id, LOCATION, deal.pipelineId(), deal.stageId(),
                            deal.pipelineId(), pipeline.stages().get(random.nextInt(STAGES)).id()));
                }
                case 5, 6 -> add("Opportunity", id, new OpportunityWon(id, LOCATION));
                case 7 -> add("Opportunity", id, new OpportunityLost(id, LOCATION, null, "budget"));
                case 8 -> add("Opportunity", id, new OpportunityValueChanged(id, LOCATION,
                        BigDecimal.valueOf(random.nextInt(10_000_000), 2), deal.currency()));
                default -> add("Opportunity", id, new OpportunityDeleted(id, LOCATION));
            }
        }
        flush();
    }

    private void add(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plusMillis(7);
        pending.add(new Object[]{UUID.randomUUID().toString(), aggregateId, sequence, type, clock.toString(),
                payload.getClass().getName(), "1", serializer.serialize(payload, byte[].class).getData(),
                emptyMetaData});
        eventCount++;
        if (pending.size() == 5000) {
            flush();
        }
    }

    private void flush() {
        jdbc.batchUpdate("INSERT INTO " + EventStoreLayout.EVENT_TABLE + " (event_identifier, aggregate_identifier,"
                + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", pending);
        pending.clear();
    }

    private void measureQueries(String port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + port + "/api/v1/locations/" + LOCATION;
        String pipeline = pipelines.get(0).pipelineId();
        String stage = pipelines.get(0).stages().get(2).id();
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("board", "/pipelines/" + pipeline + "/board");
        queries.put("board assignedTo", "/pipelines/" + pipeline + "/board?assignedTo=owner3");
        queries.put("board tag", "/pipelines/" + pipeline + "/board?tag=tag4");
        queries.put("search default", "/opportunities");
        queries.put("search q (3+ letters)", "/opportunities?q=falcon&status=all");
        queries.put("search q contact email", "/opportunities?q=contact4242@");
        queries.put("search stage sort value", "/opportunities?pipelineId=" + pipeline + "&stageId=" + stage
                + "&sort=-monetaryValue");
        queries.put("search owner sort name", "/opportunities?assignedTo=owner7&sort=name&limit=50");
        queries.put("search value range", "/opportunities?valueMin=1000&valueMax=2000&status=all");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            URI uri = URI.create(base + query.getValue());
            long[] nanos = new long[300];
            for (int i = -50; i < nanos.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + TestKeys.OPERATOR).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query + " answered " + response.statusCode() + response.body());
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            Arrays.sort(nanos);
            System.out.printf("%-28s p50 %6.1f ms  p99 %6.1f ms  (300 sequential requests after 50 warm-up)%n",
                    query.getKey(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
        }
    }

    /** Prints the plans behind one board answer, to see where its time goes. */
    private void explainBoard() {
        String pipeline = pipelines.get(0).pipelineId();
        String stage = pipelines.get(0).stages().get(2).id();
        for (String sql : List.of(
                "EXPLAIN ANALYZE SELECT stage_id, currency, open_count, total_value FROM read_model.board_stage_total"
                        + " WHERE pipeline_id = '" + pipeline + "' AND open_count <> 0",
                "EXPLAIN ANALYZE SELECT * FROM read_model.board_card WHERE pipeline_id = '" + pipeline
                        + "' AND stage_id = '" + stage + "' AND status = 'open' AND NOT deleted"
                        + " ORDER BY last_stage_change_at DESC, opportunity_id DESC LIMIT 21")) {
            jdbc.queryForList(sql, String.class).forEach(System.out::println);
        }
    }

    private static final String[] WORDS = {"falcon", "harbor", "summit", "meadow", "copper", "willow", "quartz",
            "ember", "glacier", "orchid", "canyon", "violet", "maple", "cobalt", "prairie", "lantern"};
}
