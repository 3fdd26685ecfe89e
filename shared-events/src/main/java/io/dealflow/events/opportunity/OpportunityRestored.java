package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A deleted opportunity was restored, with the state it had.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityRestored(String opportunityId, String locationId) {
}
