package io.dealflow.events.lostreason;

import org.axonframework.serialization.Revision;

/**
 * A lost reason got a new name. Deals lost with it keep the name they were lost with.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record LostReasonRenamed(String lostReasonId, String locationId, String name) {
}
