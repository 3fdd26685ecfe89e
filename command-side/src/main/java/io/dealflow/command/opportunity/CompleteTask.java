package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Complete a task of an opportunity.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record CompleteTask(@TargetAggregateIdentifier String opportunityId, String locationId, String taskId,
                           Long expectedVersion) {
}
