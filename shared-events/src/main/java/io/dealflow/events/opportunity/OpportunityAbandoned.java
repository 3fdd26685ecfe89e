package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity was marked abandoned: nobody pursues it any more. It keeps its stage.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityAbandoned(String opportunityId, String locationId) {
}
