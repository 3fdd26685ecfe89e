package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /opportunities/}. Fields HighLevel knows but dealflow does not are ignored.
 */
// Named apart from the native API's record of the same simple name in the OpenAPI document.
@Schema(name = "HighLevelCreateOpportunityRequest")
@JsonIgnoreProperties(ignoreUnknown = true)
record CreateOpportunityRequest(
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) String pipelineId,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) String locationId,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) @Size(max = 255, message = HighLevelStatus.MAX_255) String name,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY)
        @Pattern(regexp = HighLevelStatus.VALUES, message = HighLevelStatus.ONE_OF) String status,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) @Size(max = 255, message = HighLevelStatus.MAX_255)
        String contactId,
        String pipelineStageId,
        @DecimalMin(value = "0", message = HighLevelStatus.NOT_NEGATIVE) BigDecimal monetaryValue,
        String assignedTo,
        String source,
        @Valid List<CustomFieldInput> customFields,
        List<String> followers) {
}
