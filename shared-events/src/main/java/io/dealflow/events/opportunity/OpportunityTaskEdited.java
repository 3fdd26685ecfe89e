package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A task of an opportunity was changed: its title, due date or assignee. Carries the task's whole new state, so a
 * reader never needs the earlier events to know it.
 * <p>Revision 1: first shape.
 *
 * @param dueAt      may be null (no due date)
 * @param assignedTo user id, may be null (nobody)
 */
@Revision("1")
public record OpportunityTaskEdited(String opportunityId, String locationId, String taskId, String title,
                                    Instant dueAt, String assignedTo) {
}
