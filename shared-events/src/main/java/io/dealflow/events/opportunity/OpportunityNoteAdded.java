package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A note was added to an opportunity.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityNoteAdded(String opportunityId, String locationId, String noteId, String body) {
}
