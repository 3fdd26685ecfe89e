package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The tags of an opportunity changed.
 * <p>Revision 1: first shape.
 *
 * @param tags the complete new set of tags, in the order given
 */
@Revision("1")
public record OpportunityTagsChanged(String opportunityId, String locationId, List<String> tags) {
}
