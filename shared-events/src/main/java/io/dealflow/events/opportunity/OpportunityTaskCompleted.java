package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * A task of an opportunity was completed.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record OpportunityTaskCompleted(String opportunityId, String locationId, String taskId) {
}
