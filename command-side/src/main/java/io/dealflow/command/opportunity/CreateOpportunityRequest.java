package io.dealflow.command.opportunity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /opportunities}. Value rules (not negative, two decimals, a real currency) are the aggregate's.
 */
record CreateOpportunityRequest(@NotBlank @Size(max = 255) String name,
                                @NotBlank @Size(max = 64) String pipelineId,
                                @Size(max = 64) String stageId,
                                BigDecimal monetaryValue,
                                String currency,
                                @Valid ContactRequest contact,
                                @Size(max = 255) String source,
                                @Size(max = 255) String assignedTo,
                                @Size(max = 100) List<@NotBlank @Size(max = 255) String> followers,
                                @Size(max = 100) List<@NotBlank @Size(max = 255) String> tags,
                                @Size(max = 100) Map<String, Object> customFields) {

    CreateOpportunity toCommand(String opportunityId, String locationId) {
        return new CreateOpportunity(opportunityId, locationId, name, pipelineId, stageId, monetaryValue, currency,
                contact == null ? null : contact.toContact(), source, assignedTo, followers, tags, customFields);
    }
}
