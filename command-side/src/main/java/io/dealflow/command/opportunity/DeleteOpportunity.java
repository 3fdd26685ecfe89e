package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete an opportunity: it leaves boards and reports, its history stays, and it can be restored.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record DeleteOpportunity(@TargetAggregateIdentifier String opportunityId, String locationId,
                                Long expectedVersion) {
}
