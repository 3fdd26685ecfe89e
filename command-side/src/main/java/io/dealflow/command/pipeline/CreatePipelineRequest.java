package io.dealflow.command.pipeline;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /pipelines}: a name and at least one stage, in board order.
 */
record CreatePipelineRequest(
        @NotBlank @Size(max = Pipeline.MAX_NAME_LENGTH) String name,
        @NotEmpty List<@NotNull @Valid StageRequest> stages) {

    /** A stage of the new pipeline. */
    record StageRequest(
            @NotBlank @Size(max = Pipeline.MAX_NAME_LENGTH) String name,
            @NotNull @Min(0) @Max(100) Integer winProbability) {
    }
}
