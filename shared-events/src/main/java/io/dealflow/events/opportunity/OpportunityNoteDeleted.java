package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A note was deleted from an opportunity. It no longer shows in the note list; its bodies stay in the history.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityNoteDeleted(String opportunityId, String locationId, String noteId) {
}
