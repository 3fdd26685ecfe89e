package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remove a stage from a pipeline, moving its open opportunities to another stage of the same pipeline.
 *
 * @param moveOpenTo      live stage of the same pipeline that receives the open opportunities; required when the
 *                        stage holds any, may be null otherwise
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record RemoveStage(@TargetAggregateIdentifier String pipelineId, String locationId, String stageId,
                          String moveOpenTo, Long expectedVersion) implements PipelineCommand {
}
