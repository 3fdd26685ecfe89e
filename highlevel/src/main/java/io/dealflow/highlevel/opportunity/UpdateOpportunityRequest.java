package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code PUT /opportunities/{id}}: a field left out (or null) stays as it is; {@code customFields} updates the
 * fields it names and keeps the others; {@code lostReasonId} counts only with status {@code lost}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UpdateOpportunityRequest(
        String pipelineId,
        @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
        String pipelineStageId,
        @Pattern(regexp = HighLevelStatus.VALUES, message = HighLevelStatus.ONE_OF) String status,
        @DecimalMin(value = "0", message = HighLevelStatus.NOT_NEGATIVE) BigDecimal monetaryValue,
        String assignedTo,
        @Valid List<CustomFieldInput> customFields,
        String source,
        String lostReasonId) {
}
