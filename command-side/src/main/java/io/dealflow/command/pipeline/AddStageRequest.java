package io.dealflow.command.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /pipelines/{id}/stages}.
 *
 * @param position zero-based place of the new stage; absent puts it at the end
 */
record AddStageRequest(
        @NotBlank @Size(max = Pipeline.MAX_NAME_LENGTH) String name,
        @NotNull @Min(0) @Max(100) Integer winProbability,
        @Min(0) Integer position) {
}
