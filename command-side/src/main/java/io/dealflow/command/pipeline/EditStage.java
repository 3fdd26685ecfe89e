package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename a stage and/or change its win probability.
 *
 * @param name            new name; null keeps the current one
 * @param winProbability  new probability, 0 to 100; null keeps the current one
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record EditStage(@TargetAggregateIdentifier String pipelineId, String locationId, String stageId, String name,
                        Integer winProbability, Long expectedVersion) implements PipelineCommand {
}
