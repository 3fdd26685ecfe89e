package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity got a new name.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityRenamed(String opportunityId, String locationId, String name) {
}
