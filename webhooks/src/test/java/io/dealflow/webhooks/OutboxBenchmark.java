package io.dealflow.webhooks;

import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.testsupport.TestDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static io.dealflow.webhooks.OpportunityEvents.moved;

/**
 * CPU the outbox processor spends per event, with no subscriptions (as under the command benchmark): the processor's
 * own threads (thread CPU time of every thread named after {@code webhook-outbox}) and PostgreSQL's (all backends of
 * the embedded server, from /proc; clock ticks of 10 ms). Two phases: live, where four writers append deals (create, two moves, won) one
 * event per transaction while the processor keeps up; and catch-up, where the processor is stopped while the same
 * load is appended and then started. Not part of the suite; run by hand:
 * {@code ./mvnw -q -pl webhooks -am test -Dtest=OutboxBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class OutboxBenchmark {

    private static final int WRITERS = 4;
    private static final int DEALS = Integer.getInteger("outbox.bench.deals", 500);
    private static final int EVENTS_PER_DEAL = 4;
    private static final String PROCESSOR = "webhook-outbox";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void measure() throws Exception {
        GenericEventMessage.clock = Clock.systemUTC();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(WebhookTestApplication.class)
                .properties("spring.datasource.url=" + TestDatabase.freshDatabaseUrl(),
                        "spring.datasource.username=postgres", "spring.datasource.password=", "server.port=0",
                        "dealflow.webhooks.dispatch.poll-interval=250ms", "dealflow.webhooks.stale.scan-interval=1m",
                        "logging.level.root=WARN")
                .run()) {
            OpportunityEvents events = new OpportunityEvents(context.getBean(EventStore.class),
                    context.getBean(TransactionTemplate.class));
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            EventProcessor processor = context.getBean(EventProcessingConfiguration.class)
                    .eventProcessor(PROCESSOR).orElseThrow();

            live(events, jdbc, "warmup", DEALS);
            Figures live = live(events, jdbc, "live", DEALS);
            processor.shutDown();
            appendDeals(events, "catchup", DEALS);
            Figures catchUp = measured(jdbc, DEALS * EVENTS_PER_DEAL, "catchup", processor::start);
            System.out.printf("outbox-bench live: %s%noutbox-bench catch-up: %s%n", live, catchUp);
        }
    }

    private Figures live(OpportunityEvents events, JdbcTemplate jdbc, String prefix, int deals) {
        return measured(jdbc, deals * EVENTS_PER_DEAL, prefix, () -> appendDeals(events, prefix, deals));
    }

    /** Runs {@code work}, waits until the processor has recorded {@code expected} events of the prefix. */
    private Figures measured(JdbcTemplate jdbc, int expected, String prefix, Runnable work) {
        long outboxBefore = outboxCpuNanos();
        long postgresBefore = postgresCpuNanos(jdbc);
        long start = System.nanoTime();
        work.run();
        Instant deadline = Instant.now().plusSeconds(600);
        while (recorded(jdbc, prefix) < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("outbox did not catch up");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return new Figures(expected, System.nanoTime() - start, outboxCpuNanos() - outboxBefore,
                postgresCpuNanos(jdbc) - postgresBefore);
    }

    private static long recorded(JdbcTemplate jdbc, String prefix) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM webhooks.webhook_event WHERE opportunity_id LIKE ?",
                Long.class, prefix + "-%");
        return count == null ? 0 : count;
    }

    /** Appends {@code deals} deals of four events each, one event per transaction, from four writers. */
    private static void appendDeals(OpportunityEvents events, String prefix, int deals) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    for (int d = writer; d < deals; d += WRITERS) {
                        String id = prefix + "-" + d;
                        events.append(id, created(id, "bench", "p-1", "s-1"));
                        events.append(id, moved(id, "bench", "p-1", "s-1", "s-2"));
                        events.append(id, moved(id, "bench", "p-1", "s-2", "s-3"));
                        events.append(id, new OpportunityWon(id, "bench"));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            writers.shutdown();
        }
    }

    private long outboxCpuNanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(PROCESSOR)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** User and system CPU of the embedded PostgreSQL's processes (its own, this JVM's only). */
    private static long postgresCpuNanos(JdbcTemplate jdbc) {
        long ticks = jdbc.queryForList("SELECT pid FROM pg_stat_activity", Long.class).stream().mapToLong(pid -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }).sum();
        return ticks * 10_000_000L;
    }

    private record Figures(int events, long wallNanos, long outboxCpuNanos, long postgresCpuNanos) {
        @Override
        public String toString() {
            return String.format("%d events in %.2f s; outbox threads %.1f µs CPU/event; PostgreSQL %.1f µs CPU/event",
                    events, wallNanos / 1e9, outboxCpuNanos / 1e3 / events, postgresCpuNanos / 1e3 / events);
        }
    }
}
