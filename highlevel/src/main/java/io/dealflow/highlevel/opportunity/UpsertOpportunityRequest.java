package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /opportunities/upsert}: updates the opportunity {@code id}, else the open opportunity of
 * {@code contactId} in {@code pipelineId}, else creates one (then {@code name} and {@code contactId} are needed).
 *
 * @param followersActionType {@code add} (the default) or {@code remove}: what to do with {@code followers}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UpsertOpportunityRequest(
        String id,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) String pipelineId,
        @NotBlank(message = HighLevelStatus.NOT_EMPTY) String locationId,
        @Size(max = 255, message = HighLevelStatus.MAX_255) String contactId,
        @Size(min = 1, max = 255, message = "must be 1 to 255 characters") String name,
        @Pattern(regexp = HighLevelStatus.VALUES, message = HighLevelStatus.ONE_OF) String status,
        String pipelineStageId,
        @DecimalMin(value = "0", message = HighLevelStatus.NOT_NEGATIVE) BigDecimal monetaryValue,
        String assignedTo,
        String source,
        String lostReasonId,
        @Valid List<CustomFieldInput> customFields,
        List<@NotBlank(message = HighLevelStatus.NOT_EMPTY) String> followers,
        Boolean isRemoveAllFollowers,
        @Pattern(regexp = "add|remove", message = "must be one of the following values: add, remove")
        String followersActionType) {
}
