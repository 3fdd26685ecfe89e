package io.dealflow.query.report;

import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports projection folds a processor batch in memory: a batch holding many events of one deal, events of deals
 * stored by earlier batches, and pipeline events between them must leave exactly the rows that handling the same
 * events one batch each leaves, and a batch delivered again must change nothing.
 */
class ReportBatchTest {

    private static final String LOCATION = "loc-batch";
    private static final Instant DAY_1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-01-06T10:00:00Z");

    private final PipelineCreated pipeline = Given.pipeline(LOCATION, "Sales", "Lead", "Demo", "Closing");
    private final String lead = pipeline.stages().get(0).id();
    private final String demo = pipeline.stages().get(1).id();
    private final String closing = pipeline.stages().get(2).id();
    private final OpportunityCreated acme = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
    private final OpportunityCreated beta = Given.opportunity(pipeline, 1, "Beta", "40", "bob");
    private final OpportunityCreated gamma = Given.opportunity(pipeline, 0, "Gamma", "75", "ann");
    private final Map<String, Long> sequences = new HashMap<>();

    private Projection oneByOne;
    private Projection batched;

    @BeforeEach
    void twoReadModels() {
        oneByOne = new Projection(ProjectionHarness.freshReadModel());
        batched = new Projection(ProjectionHarness.freshReadModel());
        List<EventMessage<?>> setUp = List.of(event(DAY_1.minusSeconds(3600), pipeline, null),
                event(DAY_1, gamma, null));
        setUp.forEach(oneByOne::handleInOwnBatch);
        batched.handleInOneBatch(setUp);
    }

    @Test
    void manyEventsOfOneDealInOneBatchLeaveTheRowsTheyLeaveOneByOne() {
        List<EventMessage<?>> events = List.of(
                event(DAY_1.plusSeconds(1), acme, null),
                event(DAY_1.plusSeconds(5), move(acme, lead, demo), null),
                event(DAY_1.plusSeconds(9), new OpportunityWon(acme.opportunityId(), LOCATION), null),
                // Reopened into another stage: one command, so the visit the reopen starts moves along.
                event(DAY_2, new OpportunityReopened(acme.opportunityId(), LOCATION, "won"), "reopen-1"),
                event(DAY_2, move(acme, demo, closing), "reopen-1"),
                event(DAY_2.plusSeconds(30), move(acme, closing, lead), null),
                event(DAY_2.plusSeconds(31), new OpportunityValueChanged(acme.opportunityId(), LOCATION,
                        new BigDecimal("250.50"), "USD"), null),
                // Moved in the millisecond it was created: the visit of no length goes.
                event(DAY_1.plusSeconds(2), beta, null),
                event(DAY_1.plusSeconds(2), move(beta, demo, closing), null),
                event(DAY_2, new OpportunityLost(beta.opportunityId(), LOCATION, null, "price"), null),
                // Created by an earlier batch: its stored deal row and open visit change.
                event(DAY_2.plusSeconds(1), move(gamma, lead, closing), null),
                event(DAY_2.plusSeconds(2), new OpportunityOwnerAssigned(gamma.opportunityId(), LOCATION, "bob"),
                        null),
                event(DAY_2.plusSeconds(3), new OpportunityWon(gamma.opportunityId(), LOCATION), null));

        events.forEach(oneByOne::handleInOwnBatch);
        batched.handleInOneBatch(events);

        assertThat(batched.dump()).isEqualTo(oneByOne.dump());
        assertThat(batched.visits(acme)).containsExactly(
                List.of(lead, "2026-01-05T10:00:01Z", "2026-01-05T10:00:05Z"),
                List.of(demo, "2026-01-05T10:00:05Z", "2026-01-05T10:00:09Z"),
                List.of(closing, "2026-01-06T10:00:00Z", "2026-01-06T10:00:30Z"),
                List.of(lead, "2026-01-06T10:00:30Z", "open"));
        assertThat(batched.visits(beta)).containsExactly(List.of(closing, "2026-01-05T10:00:02Z",
                "2026-01-06T10:00:00Z"));
        assertThat(batched.jdbc.queryForMap("SELECT stage_id, furthest_stage_id, status, monetary_value"
                + " FROM read_model.report_deal WHERE opportunity_id = ?", acme.opportunityId()))
                .containsEntry("stage_id", lead).containsEntry("furthest_stage_id", closing)
                .containsEntry("status", "open").containsEntry("monetary_value", new BigDecimal("250.50"));
    }

    @Test
    void pipelineDeleteAndRestoreEventsInsideABatchApplyInTheirPlace() {
        String trial = "trial-stage";
        List<EventMessage<?>> events = List.of(
                event(DAY_1.plusSeconds(1), acme, null),
                event(DAY_1.plusSeconds(2), move(acme, lead, demo), null),
                event(DAY_1.plusSeconds(3), move(acme, demo, lead), null),
                // Lead now placed after Demo: the furthest stage becomes Lead, then a stage after both is reached.
                event(DAY_1.plusSeconds(4), new PipelineStagesReordered(pipeline.pipelineId(), LOCATION,
                        List.of(demo, lead, closing)), null),
                event(DAY_1.plusSeconds(5), new PipelineStageAdded(pipeline.pipelineId(), LOCATION, trial, "Trial",
                        3, 90), null),
                event(DAY_1.plusSeconds(6), move(acme, lead, trial), null),
                event(DAY_1.plusSeconds(7), new OpportunityDeleted(gamma.opportunityId(), LOCATION), null),
                event(DAY_1.plusSeconds(8), move(gamma, lead, demo), null),
                event(DAY_1.plusSeconds(9), new OpportunityRestored(gamma.opportunityId(), LOCATION), null),
                event(DAY_1.plusSeconds(10), new OpportunityWon(gamma.opportunityId(), LOCATION), null));

        events.forEach(oneByOne::handleInOwnBatch);
        batched.handleInOneBatch(events);

        assertThat(batched.dump()).isEqualTo(oneByOne.dump());
        assertThat(batched.jdbc.queryForObject("SELECT furthest_stage_id FROM read_model.report_deal"
                + " WHERE opportunity_id = ?", String.class, acme.opportunityId())).isEqualTo(trial);
    }

    @Test
    void aBatchDeliveredAgainChangesNothing() {
        List<EventMessage<?>> events = List.of(
                event(DAY_1.plusSeconds(1), acme, null),
                event(DAY_1.plusSeconds(5), move(acme, lead, demo), null),
                event(DAY_1.plusSeconds(9), new OpportunityWon(acme.opportunityId(), LOCATION), null),
                event(DAY_2, new OpportunityReopened(acme.opportunityId(), LOCATION, "won"), "reopen-1"),
                event(DAY_2, move(acme, demo, closing), "reopen-1"),
                event(DAY_2.plusSeconds(1), move(gamma, lead, closing), null),
                event(DAY_2.plusSeconds(2), new OpportunityLost(gamma.opportunityId(), LOCATION, null, null), null));
        batched.handleInOneBatch(events);
        String before = batched.dump();

        batched.handleInOneBatch(events);

        assertThat(batched.dump()).isEqualTo(before);
    }

    private EventMessage<?> event(Instant timestamp, Object payload, String causation) {
        String aggregateId = payload instanceof PipelineCreated created ? created.pipelineId()
                : payload instanceof PipelineStagesReordered reordered ? reordered.pipelineId()
                : payload instanceof PipelineStageAdded added ? added.pipelineId()
                : opportunityId(payload);
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        MetaData metaData = causation == null ? MetaData.emptyInstance()
                : MetaData.with(EventMetadata.CAUSATION_ID, causation);
        return new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, payload, metaData,
                UUID.randomUUID().toString(), timestamp);
    }

    private static String opportunityId(Object payload) {
        try {
            return (String) payload.getClass().getMethod("opportunityId").invoke(payload);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no opportunity id on " + payload, e);
        }
    }

    private OpportunityStageMoved move(OpportunityCreated deal, String from, String to) {
        return new OpportunityStageMoved(deal.opportunityId(), LOCATION, pipeline.pipelineId(), from,
                pipeline.pipelineId(), to);
    }

    /** A reports projection on a read model of its own, fed batches the way a processor feeds them. */
    private static final class Projection {
        private final JdbcTemplate jdbc;
        private final SpringTransactionManager transactions;
        private final List<AnnotationEventHandlerAdapter> handlers;

        Projection(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
            this.transactions = new SpringTransactionManager(new DataSourceTransactionManager(jdbc.getDataSource()));
            this.handlers = List.of(new AnnotationEventHandlerAdapter(new ReportPipelineProjection(jdbc)),
                    new AnnotationEventHandlerAdapter(new ReportProjection(jdbc)));
        }

        void handleInOwnBatch(EventMessage<?> event) {
            handleInOneBatch(List.of(event));
        }

        void handleInOneBatch(List<EventMessage<?>> events) {
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(events));
            unitOfWork.attachTransaction(transactions);
            var result = unitOfWork.executeWithResult(() -> {
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(unitOfWork.getMessage())) {
                        handler.handle(unitOfWork.getMessage());
                    }
                }
                return null;
            }, RollbackConfigurationType.ANY_THROWABLE);
            if (result.isExceptional()) {
                throw new AssertionError("batch failed", result.exceptionResult());
            }
        }

        List<List<String>> visits(OpportunityCreated deal) {
            return jdbc.query("SELECT stage_id, entered_at, left_at FROM read_model.report_stage_visit"
                            + " WHERE opportunity_id = ? ORDER BY entered_at",
                    (rs, n) -> List.of(rs.getString(1), rs.getTimestamp(2).toInstant().toString(),
                            rs.getTimestamp(3) == null ? "open" : rs.getTimestamp(3).toInstant().toString()),
                    deal.opportunityId());
        }

        /**
         * Every report table, rows sorted; aggregate rows summing to nothing left out (a batch that adds and takes
         * away the same deal writes no row, one batch per event leaves a row of zero).
         */
        String dump() {
            StringBuilder all = new StringBuilder();
            for (String table : List.of("report_pipeline", "report_stage", "report_deal", "report_reached_stage",
                    "report_stage_visit", "report_close_day WHERE deals <> 0 OR total_value <> 0 OR cycle_millis <> 0",
                    "report_created_day WHERE deals <> 0", "report_open_stage WHERE deals <> 0 OR total_value <> 0",
                    "report_stage_duration WHERE visits <> 0", "report_open_visit_day WHERE visits <> 0",
                    "report_close_month WHERE deals <> 0 OR total_value <> 0 OR cycle_millis <> 0",
                    "report_created_month WHERE deals <> 0")) {
                all.append(table).append(jdbc.query("SELECT * FROM read_model." + table, (rs, n) -> {
                    StringBuilder row = new StringBuilder();
                    for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                        Object value = rs.getObject(column);
                        row.append(value instanceof BigDecimal decimal
                                ? decimal.stripTrailingZeros().toPlainString() : value).append('|');
                    }
                    return row.toString();
                }).stream().sorted().toList()).append('\n');
            }
            return all.toString();
        }
    }
}
