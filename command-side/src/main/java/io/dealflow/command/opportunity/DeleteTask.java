package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a task of an opportunity; it stays in the history.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record DeleteTask(@TargetAggregateIdentifier String opportunityId, String locationId, String taskId,
                         Long expectedVersion) {
}
