package io.dealflow.events.opportunity;

import io.dealflow.events.ReadOnly;
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

    /** Read-only: one deserialized event is shared by all its readers. */
    public OpportunityTagsChanged {
        tags = ReadOnly.list(tags);
    }
}
