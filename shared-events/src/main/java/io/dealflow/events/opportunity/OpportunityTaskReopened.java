package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A completed task of an opportunity is open again.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityTaskReopened(String opportunityId, String locationId, String taskId) {
}
