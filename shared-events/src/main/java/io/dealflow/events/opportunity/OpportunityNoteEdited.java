package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A note of an opportunity was given a new body; the earlier bodies stay in the opportunity's history.
 * <p>Revision 1: first shape.
 *
 * @param body the whole new body, not a difference
 */
@Revision("1")
public record OpportunityNoteEdited(String opportunityId, String locationId, String noteId, String body) {
}
