package io.dealflow.query.benchmark;

import io.dealflow.events.Contact;
import io.dealflow.events.Stage;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.eventstore.EventSerialization;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.QuerySideApplication;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import io.dealflow.query.replay.ProjectionRebuilds;
import io.dealflow.query.replay.RebuildStatus;
import io.dealflow.security.testsupport.TestKeys;
import io.dealflow.testsupport.TestDatabase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.postgresql.Driver;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

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
import java.util.Set;
import java.util.UUID;

/**
 * Measures projection rebuilds: replay throughput of the board (the target is 25,000 events/s on 2 shared cores),
 * the opportunities and the history projection, beside the same run's ceiling of reading, upcasting and deserializing the events
 * alone; then the latency of the as-of board beside the live board. Run by hand:
 * {@code java -cp <test classpath> io.dealflow.query.benchmark.RebuildBenchmark [events] [projections]}; given a
 * comma-separated list of projections, it rebuilds only those and skips the latencies.
 *
 * <p>Events go straight into the event store table. Every live processor is given a token at the head before the
 * application starts, so nothing replays except the rebuilds measured.
 */
public final class RebuildBenchmark {

    private static final String LOCATION = "bench";
    private static final int STAGES = 6;
    private static final Set<String> TWO_SEGMENTS = Set.of(ReadModels.BOARD, ReadModels.OPPORTUNITIES);

    private final String url;
    private final JdbcTemplate jdbc;
    private final Serializer events = EventSerialization.eventSerializer();
    private final byte[] metaData;
    private final List<Object[]> pending = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<PipelineCreated> pipelines = new ArrayList<>();
    private Instant clock = Instant.parse("2025-01-01T00:00:00Z");
    private long written;

    private RebuildBenchmark(String url) {
        this.url = url;
        this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new Driver(), url, "postgres", ""));
        this.metaData = events.serialize(MetaData.with("actor", "bench-key").and("door", "native"), byte[].class)
                .getData();
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } finally {
            System.exit(0);
        }
    }

    private static void run(String[] args) throws Exception {
        long total = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        RebuildBenchmark benchmark = new RebuildBenchmark(TestDatabase.freshDatabaseUrl());
        long started = System.nanoTime();
        benchmark.write(total, new Random(42));
        System.out.printf("events written: %d in %.1f s%n", benchmark.written, seconds(started));
        benchmark.tokensAtHead();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.datasource.url=" + benchmark.url, "spring.datasource.username=postgres",
                        "spring.datasource.password=", "server.port=0", "logging.level.root=WARN",
                        "dealflow.security.bootstrap-key=" + TestKeys.OPERATOR)
                .run();
        StoredEvents stored = context.getBean(StoredEvents.class);
        long readStart = System.nanoTime();
        long read = 0;
        for (long after = 0; ; ) {
            var batch = stored.range(after, Long.MAX_VALUE, 10_000);
            if (batch.isEmpty()) {
                break;
            }
            stored.messages(batch).forEach(message -> message.getPayload());
            read += batch.size();
            after = batch.get(batch.size() - 1).globalIndex();
        }
        System.out.printf("baseline, read + upcast + deserialize only: %d events, %.0f events/s%n", read,
                read / seconds(readStart));

        ProjectionRebuilds rebuilds = context.getBean(ProjectionRebuilds.class);
        if (args.length > 1) {
            for (String projection : args[1].split(",")) {
                report(rebuilds.rebuildNow(projection));
            }
            context.close();
            return;
        }
        report(rebuilds.rebuildNow(ReadModels.BOARD));
        benchmark.jdbc.execute("VACUUM ANALYZE");
        report(rebuilds.rebuildNow(ReadModels.OPPORTUNITIES));
        report(rebuilds.rebuildNow(ReadModels.PIPELINES));
        report(rebuilds.rebuildNow(ReadModels.HISTORY));
        benchmark.jdbc.execute("VACUUM ANALYZE");
        benchmark.latencies(context.getEnvironment().getProperty("local.server.port"));
        context.close();
    }

    private static void report(RebuildStatus status) {
        if (!status.succeeded()) {
            throw new IllegalStateException("rebuild failed: " + status.error());
        }
        System.out.printf("rebuild %s: %d events in %.1f s, %.0f events/s (shadow schema, switch included)%n",
                status.projection(), status.events(), status.elapsedMillis() / 1000.0,
                status.events() * 1000.0 / status.elapsedMillis());
    }

    /** A board's life: pipelines, then deals created, moved, revalued, noted, won and lost, in random order. */
    private void write(long total, Random random) {
        Flyway.configure().dataSource(jdbc.getDataSource()).schemas(EventStoreLayout.SCHEMA).table("flyway_history")
                .locations("classpath:db/event-store").load().migrate();
        for (int p = 0; p < 5; p++) {
            List<Stage> stages = new ArrayList<>();
            for (int s = 0; s < STAGES; s++) {
                stages.add(new Stage(UUID.randomUUID().toString(), "Stage " + s, s, 5 + 15 * s));
            }
            PipelineCreated pipeline = new PipelineCreated(UUID.randomUUID().toString(), LOCATION, "Pipeline " + p,
                    stages);
            pipelines.add(pipeline);
            append("Pipeline", pipeline.pipelineId(), pipeline);
        }
        List<OpportunityCreated> deals = new ArrayList<>();
        while (written < total) {
            int dice = random.nextInt(100);
            if (deals.isEmpty() || dice < 30) {
                PipelineCreated pipeline = pipelines.get(random.nextInt(pipelines.size()));
                int n = deals.size();
                OpportunityCreated deal = new OpportunityCreated(UUID.randomUUID().toString(), LOCATION, "Deal " + n,
                        pipeline.pipelineId(), pipeline.stages().get(0).id(),
                        BigDecimal.valueOf(random.nextInt(5_000_000), 2), "USD",
                        new Contact("c" + n, "Contact " + n, "c" + n + "@example.com", null, "Corp " + n % 97),
                        "source" + random.nextInt(4), "owner" + random.nextInt(12), List.of(),
                        List.of("tag" + random.nextInt(6)), Map.of());
                deals.add(deal);
                append("Opportunity", deal.opportunityId(), deal);
                continue;
            }
            OpportunityCreated deal = deals.get(random.nextInt(deals.size()));
            String id = deal.opportunityId();
            PipelineCreated pipeline = pipelines.stream().filter(candidate -> candidate.pipelineId()
                    .equals(deal.pipelineId())).findFirst().orElseThrow();
            if (dice < 70) {
                append("Opportunity", id, new OpportunityStageMoved(id, LOCATION, deal.pipelineId(), deal.stageId(),
                        deal.pipelineId(), pipeline.stages().get(random.nextInt(STAGES)).id()));
            } else if (dice < 80) {
                append("Opportunity", id, new OpportunityValueChanged(id, LOCATION,
                        BigDecimal.valueOf(random.nextInt(5_000_000), 2), "USD"));
            } else if (dice < 88) {
                append("Opportunity", id, new OpportunityNoteAdded(id, LOCATION, UUID.randomUUID().toString(),
                        "called"));
            } else if (dice < 94) {
                append("Opportunity", id, new OpportunityWon(id, LOCATION));
            } else if (dice < 99) {
                append("Opportunity", id, new OpportunityLost(id, LOCATION, null, "budget"));
            } else {
                append("Pipeline", pipeline.pipelineId(), new PipelineStageProbabilityChanged(pipeline.pipelineId(),
                        LOCATION, pipeline.stages().get(random.nextInt(STAGES)).id(), random.nextInt(101)));
            }
        }
        flush();
    }

    private void append(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        clock = clock.plusMillis(5);
        SerializedObject<byte[]> serialized = events.serialize(payload, byte[].class);
        pending.add(new Object[]{UUID.randomUUID().toString(), aggregateId, sequence, type, clock.toString(),
                serialized.getType().getName(), serialized.getType().getRevision(), serialized.getData(), metaData});
        written++;
        if (pending.size() == 5_000) {
            flush();
        }
    }

    private void flush() {
        jdbc.batchUpdate("INSERT INTO " + EventStoreLayout.EVENT_TABLE + " (event_identifier, aggregate_identifier,"
                + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", pending);
        pending.clear();
    }

    /** Stores a token at the head for every processor, so the application starts with nothing to replay. */
    private void tokensAtHead() {
        Flyway.configure().dataSource(jdbc.getDataSource()).schemas("read_model").table("flyway_history")
                .locations("classpath:db/query").load().migrate();
        long head = jdbc.queryForObject("SELECT max(global_index) FROM " + EventStoreLayout.EVENT_TABLE, Long.class);
        SerializedObject<byte[]> token = EventSerialization.stateSerializer()
                .serialize(GapAwareTrackingToken.newInstance(head, List.of()), byte[].class);
        for (String processor : ReadModels.ALL) {
            int segments = TWO_SEGMENTS.contains(processor) ? 2 : 1;
            for (int segment = 0; segment < segments; segment++) {
                jdbc.update("INSERT INTO read_model.token_entry (processor_name, segment, token, token_type)"
                        + " VALUES (?, ?, ?, ?)", processor, segment, token.getData(), token.getType().getName());
            }
        }
    }

    private void latencies(String port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String board = "http://localhost:" + port + "/api/v1/locations/" + LOCATION + "/pipelines/"
                + pipelines.get(0).pipelineId() + "/board";
        Instant end = clock;
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("live board", board);
        queries.put("as-of board, latest", board + "?asOf=" + end);
        queries.put("as-of board, halfway", board + "?asOf=" + Instant.parse("2025-01-01T00:00:00Z")
                .plusMillis((end.toEpochMilli() - Instant.parse("2025-01-01T00:00:00Z").toEpochMilli()) / 2));
        queries.put("as-of board, early", board + "?asOf=2025-01-01T00:10:00Z");
        for (Map.Entry<String, String> query : queries.entrySet()) {
            long[] nanos = new long[200];
            for (int i = -30; i < nanos.length; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(query.getValue()))
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
            System.out.printf("%-24s p50 %6.1f ms  p99 %6.1f ms  (200 sequential requests after 30 warm-up)%n",
                    query.getKey(), nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
