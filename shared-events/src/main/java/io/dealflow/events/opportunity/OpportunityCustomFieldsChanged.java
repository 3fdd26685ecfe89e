package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

import java.util.Map;

/**
 * Custom field values of an opportunity changed.
 * <p>Revision 1: first shape.
 *
 * @param customFields the complete new custom field values by key
 */
@Revision("1")
public record OpportunityCustomFieldsChanged(String opportunityId, String locationId,
                                             Map<String, Object> customFields) {
}
