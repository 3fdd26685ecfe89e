package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Delete a note of an opportunity; its bodies stay in the history.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record DeleteNote(@TargetAggregateIdentifier String opportunityId, String locationId, String noteId,
                         Long expectedVersion) {
}
