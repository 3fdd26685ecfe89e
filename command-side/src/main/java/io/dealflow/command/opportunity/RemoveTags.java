package io.dealflow.command.opportunity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Take tags off an opportunity; tags it does not carry are ignored (a bulk action).
 *
 * @param expectedVersion the version the client saw; null to skip the check
 */
public record RemoveTags(@TargetAggregateIdentifier String opportunityId, String locationId, List<String> tags,
                         Long expectedVersion) {
}
