package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a pipeline that holds no open opportunities.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record DeletePipeline(@TargetAggregateIdentifier String pipelineId, String locationId, Long expectedVersion)
        implements PipelineCommand {
}
