package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open a completed task of an opportunity again.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record ReopenTask(@TargetAggregateIdentifier String opportunityId, String locationId, String taskId,
                         Long expectedVersion) {
}
