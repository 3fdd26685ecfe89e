package io.dealflow.command.opportunity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /opportunities/{id}/move-stage}; {@code pipelineId} moves the deal to another pipeline.
 */
record MoveStageRequest(@NotBlank @Size(max = 64) String stageId, @Size(max = 64) String pipelineId) {
}
