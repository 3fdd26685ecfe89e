package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was deleted: it leaves boards, search and reports, but its history stays.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityDeleted(String opportunityId, String locationId) {
}
