package io.dealflow.query.axon;

import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.TransientDataAccessResourceException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A batch that fails half-way and a processor stopped in the middle of a backlog must leave the read tables exactly as
 * a fresh replay of the same events builds them: no event applied twice, none lost.
 */
@Import(ProjectionRecoveryTest.Crashes.class)
class ProjectionRecoveryTest extends QueryApiTest {

    /** Names whose rename makes the board and opportunity batches fail once, after other events of the batch ran. */
    static final String CRASH = "crash here";

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorPositions positions;
    @Autowired
    private Crashes crashes;

    @Test
    void crashedAndRestartedProcessingEndsLikeAFreshReplay() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Demo", "Closing");
        events.append(sales);
        List<OpportunityCreated> deals = new ArrayList<>();
        List<Object> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            OpportunityCreated deal = Given.opportunity(sales, i % 3, "Deal " + i, i + ".50", "owner" + i % 4);
            deals.add(deal);
            batch.add(deal);
            if (batch.size() == 50) {
                events.append(batch.toArray());
                batch.clear();
            }
        }
        Random random = new Random(11);
        for (int step = 0; step < 1500; step++) {
            if (step == 700) {
                // Stop the board mid-backlog, then let it resume from its committed token.
                processor(ReadModels.BOARD).shutDown();
            }
            if (step == 900) {
                processor(ReadModels.BOARD).start();
            }
            String id = deals.get(random.nextInt(deals.size())).opportunityId();
            if (step == 400 || step == 1100) {
                events.append(new OpportunityRenamed(id, location, CRASH));
                continue;
            }
            events.append(switch (random.nextInt(8)) {
                case 0 -> new OpportunityStageMoved(id, location, sales.pipelineId(), "any",
                        sales.pipelineId(), sales.stages().get(random.nextInt(3)).id());
                case 1 -> new OpportunityWon(id, location);
                case 2 -> new OpportunityLost(id, location, null, "budget");
                case 3 -> new OpportunityReopened(id, location, "won");
                case 4 -> new OpportunityValueChanged(id, location, BigDecimal.valueOf(random.nextInt(10_000), 2),
                        random.nextInt(5) == 0 ? "EUR" : "USD");
                case 5 -> random.nextBoolean() ? new OpportunityDeleted(id, location)
                        : new OpportunityRestored(id, location);
                default -> new OpportunityRenamed(id, location, "Name " + step);
            });
        }
        String head = events.append(new PipelineStageAdded(sales.pipelineId(), location, "s-late", "Late", 1, 70));
        awaitProjections(head);
        assertThat(crashes.count.get()).isGreaterThanOrEqualTo(2);
        Map<String, List<String>> live = readTables();
        assertThat(live.get("board_card")).hasSize(300);

        for (String name : ReadModels.ALL) {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitProjections(head);

        assertThat(readTables()).isEqualTo(live);
    }

    private void awaitProjections(String head) {
        await().atMost(Duration.ofMinutes(2))
                .until(() -> positions.cover(Long.parseLong(head), ReadModels.ALL));
    }

    /** Every read table's rows as text, in key order. Totals rows that went back to zero carry no information. */
    private Map<String, List<String>> readTables() {
        return Map.of(
                "pipeline", rows("SELECT p::text FROM read_model.pipeline p ORDER BY pipeline_id"),
                "pipeline_stage", rows("SELECT s::text FROM read_model.pipeline_stage s ORDER BY pipeline_id, stage_id"),
                "board_card", rows("SELECT c::text FROM read_model.board_card c ORDER BY opportunity_id"),
                "board_stage_total", rows("SELECT t::text FROM read_model.board_stage_total t"
                        + " WHERE open_count <> 0 OR total_value <> 0 ORDER BY pipeline_id, stage_id, currency"),
                "opportunity", rows("SELECT o::text FROM read_model.opportunity o ORDER BY opportunity_id"),
                "lost_reason", rows("SELECT r::text FROM read_model.lost_reason r ORDER BY lost_reason_id"));
    }

    private List<String> rows(String sql) {
        return jdbc.queryForList(sql, String.class);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }

    /**
     * Handlers that fail the first time they see each crash rename, after their projection handled the batch so far,
     * the way a lost connection does: transiently, so the batch is retried rather than the event parked.
     */
    @TestConfiguration
    static class Crashes {

        final AtomicInteger count = new AtomicInteger();
        private final Set<String> crashed = ConcurrentHashMap.newKeySet();

        @Bean
        BoardCrash boardCrash() {
            return new BoardCrash(this);
        }

        @Bean
        OpportunitiesCrash opportunitiesCrash() {
            return new OpportunitiesCrash(this);
        }

        void maybeCrash(String group, OpportunityRenamed event, long sequence) {
            if (CRASH.equals(event.name()) && crashed.add(group + event.opportunityId() + sequence)) {
                count.incrementAndGet();
                throw new TransientDataAccessResourceException("simulated crash in " + group);
            }
        }
    }

    @ProcessingGroup(ReadModels.BOARD)
    record BoardCrash(Crashes crashes) {
        @EventHandler
        void on(OpportunityRenamed event, @SequenceNumber long sequence) {
            crashes.maybeCrash(ReadModels.BOARD, event, sequence);
        }
    }

    @ProcessingGroup(ReadModels.OPPORTUNITIES)
    record OpportunitiesCrash(Crashes crashes) {
        @EventHandler
        void on(OpportunityRenamed event, @SequenceNumber long sequence) {
            crashes.maybeCrash(ReadModels.OPPORTUNITIES, event, sequence);
        }
    }
}
