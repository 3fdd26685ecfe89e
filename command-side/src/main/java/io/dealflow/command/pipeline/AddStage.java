package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a stage to a pipeline.
 *
 * @param stageId         new id, chosen by the caller
 * @param winProbability  0 to 100
 * @param position        zero-based place of the new stage; null puts it at the end
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record AddStage(@TargetAggregateIdentifier String pipelineId, String locationId, String stageId, String name,
                       Integer winProbability, Integer position, Long expectedVersion) implements PipelineCommand {
}
