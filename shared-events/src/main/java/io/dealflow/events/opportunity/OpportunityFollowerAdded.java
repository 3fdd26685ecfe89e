package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A user started following an opportunity.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityFollowerAdded(String opportunityId, String locationId, String followerId) {
}
