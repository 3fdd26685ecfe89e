package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Mark an opportunity lost, optionally saying why. It keeps its stage.
 *
 * @param lostReasonId    a lost reason of the location; may be null
 * @param lostReason      free text, at most 255 characters; may be null
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record MarkLost(@TargetAggregateIdentifier String opportunityId, String locationId, String lostReasonId,
                       String lostReason, Long expectedVersion) {
}
