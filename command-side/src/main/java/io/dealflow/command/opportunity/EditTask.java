package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/**
 * Change a task of an opportunity. Each facet is null when the request left it out (unchanged), else its new value
 * (empty: clear it; refused for the title).
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
@SuppressWarnings("OptionalUsedAsFieldOrParameterType")
record EditTask(@TargetAggregateIdentifier String opportunityId, String locationId, String taskId,
                       Optional<String> title, Optional<Instant> dueAt, Optional<String> assignedTo,
                       Long expectedVersion) {
}
