package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Put tags on an opportunity beside the tags it has; tags it already carries stay where they are (a bulk action).
 *
 * @param expectedVersion the version the client saw; null to skip the check
 */
public record AddTags(@TargetAggregateIdentifier String opportunityId, String locationId, List<String> tags,
                      Long expectedVersion) {
}
