package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was assigned to a user, or unassigned.
 * <p>Revision 1: first shape.
 *
 * @param assignedTo the new owner's user id; null when unassigned
 */
@Revision("1")
public record OpportunityOwnerAssigned(String opportunityId, String locationId, String assignedTo) {
}
