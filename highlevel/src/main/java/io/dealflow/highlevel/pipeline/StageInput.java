package io.dealflow.highlevel.pipeline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A stage in a pipeline request. {@code id} names an existing stage (replace only); {@code position} orders the
 * stages (ties and missing positions keep the list order); {@code showInFunnel} and {@code showInPieChart} are
 * accepted and not kept.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record StageInput(String id,
                  @NotBlank(message = "should not be empty")
                  @Size(max = 255, message = "must be shorter than or equal to 255 characters") String name,
                  Integer position,
                  Boolean showInFunnel,
                  Boolean showInPieChart,
                  @Min(value = 0, message = "must not be less than 0")
                  @Max(value = 100, message = "must not be greater than 100") Integer stageWinProbability) {
}
