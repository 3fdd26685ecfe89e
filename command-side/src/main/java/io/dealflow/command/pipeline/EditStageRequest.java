package io.dealflow.command.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /pipelines/{id}/stages/{stageId}}: the facets to change; an absent field keeps its value.
 */
record EditStageRequest(
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = Pipeline.MAX_NAME_LENGTH)
        String name,
        @Min(0) @Max(100) Integer winProbability) {
}
