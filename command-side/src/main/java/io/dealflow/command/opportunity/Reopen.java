package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a won, lost or abandoned opportunity again, optionally in another stage of its pipeline.
 *
 * @param stageId         a stage of the opportunity's pipeline; null keeps the current stage
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record Reopen(@TargetAggregateIdentifier String opportunityId, String locationId, String stageId,
                     Long expectedVersion) {
}
