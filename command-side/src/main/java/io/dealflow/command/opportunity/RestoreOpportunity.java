package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Restore a deleted opportunity with the state it had.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record RestoreOpportunity(@TargetAggregateIdentifier String opportunityId, String locationId,
                                 Long expectedVersion) {
}
