package io.dealflow.command.pipeline;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /pipelines/{id}}.
 */
record RenamePipelineRequest(@NotBlank @Size(max = Pipeline.MAX_NAME_LENGTH) String name) {
}
