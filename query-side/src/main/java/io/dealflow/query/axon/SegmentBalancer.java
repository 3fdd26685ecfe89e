package io.dealflow.query.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the read-model segments among the nodes with the projections role. Without Axon Server nothing balances
 * pooled processors: the first node to start claims every segment, and the others would idle until it died. Every
 * second each such node upserts its heartbeat in {@code read_model.projection_node}; every {@link #BALANCE_EVERY}
 * it counts the live ones and, holding more than its share ({@link SegmentShares}), releases the excess for
 * {@link #RELEASE}, in which the others' next look for unclaimed segments (every token-claim interval, 1 s) takes
 * them. A released segment waits at most that look; if nobody takes it, the node claims it back after the release.
 */
final class SegmentBalancer implements InitializingBean, DisposableBean {

    static final Duration HEARTBEAT = Duration.ofSeconds(1);
    static final Duration BALANCE_EVERY = Duration.ofSeconds(5);
    /** A node whose heartbeat is older than this no longer counts. */
    static final Duration LIVENESS = Duration.ofSeconds(3);
    static final Duration RELEASE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final String nodeId;
    private ScheduledExecutorService ticker;
    private long ticks;

    SegmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing, String nodeId) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.nodeId = nodeId;
    }

    @Override
    public void afterPropertiesSet() {
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tick, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        try {
            // Gone at once: the others count one node fewer and keep what they take over.
            jdbc.update("DELETE FROM read_model.projection_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            // the heartbeat ages out by itself
        }
    }

    private void tick() {
        try {
            jdbc.update("INSERT INTO read_model.projection_node (node_id, seen_at) VALUES (?, now())"
                    + " ON CONFLICT (node_id) DO UPDATE SET seen_at = now()", nodeId);
            if (++ticks % (BALANCE_EVERY.toMillis() / HEARTBEAT.toMillis()) == 0) {
                balance();
            }
        } catch (RuntimeException e) {
            log.debug("Segment balancing skipped this time: {}", e.getMessage());
        }
    }

    private void balance() {
        Integer live = jdbc.queryForObject("SELECT count(*) FROM read_model.projection_node"
                + " WHERE seen_at > now() - make_interval(secs => ?) OR node_id = ?", Integer.class,
                LIVENESS.toSeconds(), nodeId);
        Integer total = jdbc.queryForObject("SELECT count(*) FROM read_model.token_entry WHERE processor_name IN ("
                + String.join(", ", Collections.nCopies(ReadModels.ALL.size(), "?")) + ")", Integer.class,
                ReadModels.ALL.toArray());
        Map<String, List<Integer>> held = new TreeMap<>();
        for (String name : ReadModels.ALL) {
            processor(name).ifPresent(processor ->
                    held.put(name, new ArrayList<>(processor.processingStatus().keySet())));
        }
        for (SegmentShares.Segment segment : SegmentShares.excess(held, total == null ? 0 : total,
                live == null ? 1 : live)) {
            log.info("Releasing segment {} of {} to the other projections nodes", segment.segment(),
                    segment.processor());
            processor(segment.processor()).ifPresent(processor ->
                    processor.releaseSegment(segment.segment(), RELEASE.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }
}
