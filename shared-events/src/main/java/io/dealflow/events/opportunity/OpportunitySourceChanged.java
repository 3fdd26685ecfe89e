package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * The source of an opportunity changed.
 * <p>Revision 1: first shape.
 *
 * @param source the new source; null when it was cleared
 */
@Revision("1")
public record OpportunitySourceChanged(String opportunityId, String locationId, String source) {
}
