package io.dealflow.command.pipeline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a pipeline a new name.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record RenamePipeline(@TargetAggregateIdentifier String pipelineId, String locationId, String name,
                             Long expectedVersion) implements PipelineCommand {
}
