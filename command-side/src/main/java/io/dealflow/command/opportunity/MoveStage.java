package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Move an opportunity to another stage of its pipeline, or to a stage of another pipeline.
 *
 * @param pipelineId      target pipeline; null keeps the current one
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record MoveStage(@TargetAggregateIdentifier String opportunityId, String locationId, String stageId,
                        String pipelineId, Long expectedVersion) {
}
