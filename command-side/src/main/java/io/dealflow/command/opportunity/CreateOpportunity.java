package io.dealflow.command.opportunity;

import io.dealflow.events.Contact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Create an open opportunity in a stage of a pipeline of the location.
 *
 * @param opportunityId the new opportunity's id, chosen by the sender (a random UUID)
 * @param stageId       null for the pipeline's first stage
 * @param monetaryValue null for 0
 * @param currency      ISO 4217 code; null for {@code USD}
 * @param contact       may be null
 * @param followers     user ids; null for none
 * @param tags          null for none
 * @param customFields  values are JSON scalars or lists of them; null for none
 */
public record CreateOpportunity(@TargetAggregateIdentifier String opportunityId, String locationId, String name,
                                String pipelineId, String stageId, BigDecimal monetaryValue, String currency,
                                Contact contact, String source, String assignedTo, List<String> followers,
                                List<String> tags, Map<String, Object> customFields) {
}
