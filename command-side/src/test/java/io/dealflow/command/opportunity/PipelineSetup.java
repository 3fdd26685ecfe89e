package io.dealflow.command.opportunity;

import io.dealflow.events.Stage;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.pipeline.PipelineCreated;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Pipelines and lost reasons for the opportunity HTTP tests, appended as events straight to the event store so the
 * command-side lookup (a subscribing processor) records them, without depending on the pipeline endpoints.
 */
public final class PipelineSetup {

    /** A pipeline as created: its id and its stage ids in board order. */
    public record CreatedPipeline(String id, List<String> stageIds) {

        String stage(int position) {
            return stageIds.get(position);
        }
    }

    private final EventStore eventStore;
    private final TransactionTemplate transactions;

    public PipelineSetup(EventStore eventStore, PlatformTransactionManager transactionManager) {
        this.eventStore = eventStore;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public CreatedPipeline pipeline(String locationId, String... stageNames) {
        String pipelineId = UUID.randomUUID().toString();
        List<Stage> stages = new ArrayList<>();
        for (int position = 0; position < stageNames.length; position++) {
            stages.add(new Stage(UUID.randomUUID().toString(), stageNames[position], position, 10 * (position + 1)));
        }
        publish("Pipeline", pipelineId,
                new PipelineCreated(pipelineId, locationId, "Sales " + pipelineId.substring(0, 8), stages));
        return new CreatedPipeline(pipelineId, stages.stream().map(Stage::id).toList());
    }

    String lostReason(String locationId, String name) {
        String lostReasonId = UUID.randomUUID().toString();
        publish("LostReason", lostReasonId, new LostReasonCreated(lostReasonId, locationId, name));
        return lostReasonId;
    }

    private void publish(String aggregateType, String aggregateId, Object event) {
        transactions.executeWithoutResult(status ->
                eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, 0, event)));
    }
}
