package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A won, lost or abandoned opportunity was opened again. A reopen into another stage is followed by an {@link OpportunityStageMoved}.
 * <p>Revision 1: first shape.
 *
 * @param previousStatus the status it had: {@code won}, {@code lost} or {@code abandoned}
 */
@Revision("1")
public record OpportunityReopened(String opportunityId, String locationId, String previousStatus) {
}
