package io.dealflow.command.opportunity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Body of {@code PATCH /opportunities/{id}}. A field left out stays as it is; a field sent as {@code null} is
 * cleared (refused for name, value and currency). Jackson reads a missing field as a null Optional and an explicit
 * {@code null} as an empty one.
 */
record EditOpportunityRequest(Optional<@NotBlank @Size(max = 255) String> name,
                              Optional<BigDecimal> monetaryValue,
                              Optional<String> currency,
                              Optional<@Valid ContactRequest> contact,
                              Optional<@Size(max = 255) String> source,
                              Optional<@Size(max = 255) String> assignedTo,
                              Optional<@Size(max = 100) List<@NotBlank @Size(max = 255) String>> tags,
                              Optional<@Size(max = 100) Map<String, Object>> customFields) {

    EditOpportunity toCommand(String opportunityId, String locationId, Long expectedVersion) {
        return new EditOpportunity(opportunityId, locationId, name, monetaryValue, currency,
                contact == null ? null : contact.map(ContactRequest::toContact), source, assignedTo, tags,
                customFields, expectedVersion);
    }
}
