package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A task was added to an opportunity.
 * <p>Revision 1: first shape.
 *
 * @param dueAt      may be null
 * @param assignedTo user id, may be null
 */
@Revision("1")
public record OpportunityTaskAdded(String opportunityId, String locationId, String taskId, String title, Instant dueAt,
                                   String assignedTo) {
}
