package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stop a user following an opportunity.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record RemoveFollower(@TargetAggregateIdentifier String opportunityId, String locationId, String followerId,
                             Long expectedVersion) {
}
