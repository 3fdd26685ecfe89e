package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a note to an opportunity.
 *
 * @param noteId          the new note's id, chosen by the sender; a note id the opportunity already has is a repeat
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
record AddNote(@TargetAggregateIdentifier String opportunityId, String locationId, String noteId, String body,
                      Long expectedVersion) {
}
