package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Let users follow an opportunity; users who already follow it are left as they are.
 *
 * @param followers       user ids
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record AddFollowers(@TargetAggregateIdentifier String opportunityId, String locationId, List<String> followers,
                           Long expectedVersion) {
}
