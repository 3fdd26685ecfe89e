package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a note of an opportunity a new body.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record EditNote(@TargetAggregateIdentifier String opportunityId, String locationId, String noteId, String body,
                       Long expectedVersion) {
}
