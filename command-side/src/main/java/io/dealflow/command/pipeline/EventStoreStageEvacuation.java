package io.dealflow.command.pipeline;

import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Moves a removed stage's open opportunities by appending their {@code OpportunityStageMoved} events in one batch,
 * instead of loading each Opportunity aggregate and sending it a {@code MoveStage} (thousands of loads made one
 * removal a request of many seconds).
 *
 * <p>Why this is safe without the aggregates: a move off a removed stage to a live stage of the same pipeline breaks
 * no Opportunity rule (the deal is open and not deleted, it stays in its pipeline, the target exists), so the aggregate
 * could only have said yes. Each deal's stage, status and last sequence number are read in one statement, so they
 * belong together; each event takes the next sequence number of its deal, and the event store's unique
 * (aggregate, sequence) index refuses the whole removal if any deal changed meanwhile, exactly as the aggregate's own
 * append would (the sender then retries on fresh state). The events are the same ones {@code MoveStage} emits, in
 * each deal's own stream, with the removal's correlation data: history, reports, boards and webhooks see what they
 * saw before.
 */
@Component
class EventStoreStageEvacuation implements StageEvacuation {

    /** Aggregate type Axon records for opportunities (the aggregate class's simple name). */
    private static final String OPPORTUNITY_TYPE = "Opportunity";

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    EventStoreStageEvacuation(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @Override
    public int moveOpenOpportunities(String locationId, String pipelineId, String fromStageId, String toStageId) {
        // Oldest deal first, not by (random) id: the same history moves its deals in the same order on any database.
        List<DomainEventMessage<?>> moves = jdbc.query("""
                SELECT l.opportunity_id,
                       (SELECT max(e.sequence_number) FROM %1$s e
                        WHERE e.aggregate_identifier = l.opportunity_id) AS last_sequence
                FROM command_model.opportunity_lookup l
                WHERE l.pipeline_id = ? AND l.stage_id = ? AND l.location_id = ? AND l.status = 'open'
                  AND NOT l.deleted
                ORDER BY (SELECT c.global_index FROM %1$s c
                          WHERE c.aggregate_identifier = l.opportunity_id AND c.sequence_number = 0)""".formatted(EventStoreLayout.EVENT_TABLE), (row, n) -> {
            String opportunityId = row.getString("opportunity_id");
            // Created within this unit of work, the message takes the removal's correlation data (actor, request).
            return new GenericDomainEventMessage<>(OPPORTUNITY_TYPE, opportunityId, row.getLong("last_sequence") + 1,
                    new OpportunityStageMoved(opportunityId, locationId, pipelineId, fromStageId, pipelineId,
                            toStageId));
        }, pipelineId, fromStageId, locationId);
        if (!moves.isEmpty()) {
            eventStore.publish(moves);
        }
        return moves.size();
    }
}
