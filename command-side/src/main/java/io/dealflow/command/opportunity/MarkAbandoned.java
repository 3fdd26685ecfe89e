package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mark an opportunity abandoned: nobody pursues it any more. It keeps its stage.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record MarkAbandoned(@TargetAggregateIdentifier String opportunityId, String locationId, Long expectedVersion) {
}
