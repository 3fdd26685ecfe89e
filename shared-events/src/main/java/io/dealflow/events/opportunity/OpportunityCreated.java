package io.dealflow.events.opportunity;

import io.dealflow.events.Contact;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An opportunity was created in a pipeline stage, open.
 * <p>Revision 1: first shape.
 *
 * @param monetaryValue value of the deal, never negative, at most two decimals
 * @param currency      ISO 4217 code
 * @param contact       may be null
 * @param source        where the deal came from, may be null
 * @param assignedTo    owning user id, may be null
 * @param customFields  custom field values by key; values are JSON scalars or lists
 */
@Revision("1")
public record OpportunityCreated(String opportunityId, String locationId, String name, String pipelineId,
                                 String stageId, BigDecimal monetaryValue, String currency, Contact contact,
                                 String source, String assignedTo, List<String> followers, List<String> tags,
                                 Map<String, Object> customFields) {
}
