package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Add a task (a to-do) to an opportunity.
 *
 * @param taskId          the new task's id, chosen by the sender; a task id the opportunity already has is a repeat
 * @param dueAt           may be null
 * @param assignedTo      user id, may be null
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record AddTask(@TargetAggregateIdentifier String opportunityId, String locationId, String taskId, String title,
                      Instant dueAt, String assignedTo, Long expectedVersion) {
}
