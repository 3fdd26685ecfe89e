package io.dealflow.events.lostreason;

import org.axonframework.serialization.Revision;

/**
 * A lost reason was created for a location.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record LostReasonCreated(String lostReasonId, String locationId, String name) {
}
