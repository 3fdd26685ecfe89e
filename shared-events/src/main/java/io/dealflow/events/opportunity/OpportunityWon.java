package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was marked won. It keeps its stage.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityWon(String opportunityId, String locationId) {
}
