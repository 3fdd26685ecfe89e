package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Put the stages of a pipeline in a new order.
 *
 * @param stageIds        every live stage id of the pipeline, each once, in the new board order
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record ReorderStages(@TargetAggregateIdentifier String pipelineId, String locationId, List<String> stageIds,
                            Long expectedVersion) implements PipelineCommand {
}
