package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was marked lost. It keeps its stage.
 * <p>Revision 1: first shape.
 *
 * @param lostReasonId id of a lost reason of the location, may be null
 * @param lostReason   free-text reason, or the lost reason's name at the time; may be null
 */
@Revision("1")
public record OpportunityLost(String opportunityId, String locationId, String lostReasonId, String lostReason) {
}
