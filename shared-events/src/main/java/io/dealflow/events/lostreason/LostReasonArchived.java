package io.dealflow.events.lostreason;

import org.axonframework.serialization.Revision;

/**
 * A lost reason was archived: new losses can no longer name it; deals lost with it keep showing it.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record LostReasonArchived(String lostReasonId, String locationId) {
}
