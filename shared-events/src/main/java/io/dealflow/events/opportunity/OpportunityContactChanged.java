package io.dealflow.events.opportunity;

import io.dealflow.events.Contact;
import org.axonframework.serialization.Revision;

/**
 * The contact of an opportunity changed.
 * <p>Revision 1: first shape.
 *
 * @param contact the new contact; null when it was cleared
 */
@Revision("1")
public record OpportunityContactChanged(String opportunityId, String locationId, Contact contact) {
}
