package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code PUT /opportunities/{id}/status}; {@code lostReasonId} counts only with status {@code lost}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record UpdateStatusRequest(
        @NotBlank(message = HighLevelStatus.NOT_EMPTY)
        @Pattern(regexp = HighLevelStatus.VALUES, message = HighLevelStatus.ONE_OF) String status,
        String lostReasonId) {
}
