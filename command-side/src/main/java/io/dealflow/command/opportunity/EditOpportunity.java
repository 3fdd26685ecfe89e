package io.dealflow.command.opportunity;

import io.dealflow.events.Contact;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Change some facets of an opportunity at once (the HTTP {@code PATCH}). Each facet is either left alone (a null
 * field), cleared (an empty Optional) or set (a present Optional); only facets that really change emit an event.
 * Name, value and currency cannot be cleared; clearing tags or custom fields empties them.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}); null to skip the check
 */
public record EditOpportunity(@TargetAggregateIdentifier String opportunityId, String locationId,
                              Optional<String> name, Optional<BigDecimal> monetaryValue, Optional<String> currency,
                              Optional<Contact> contact, Optional<String> source, Optional<String> assignedTo,
                              Optional<List<String>> tags, Optional<Map<String, Object>> customFields,
                              Long expectedVersion) {
}
