package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A task was deleted from an opportunity. It no longer shows in task lists; it stays in the history.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityTaskDeleted(String opportunityId, String locationId, String taskId) {
}
