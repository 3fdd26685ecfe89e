package io.dealflow.command.pipeline;

import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * Body of {@code POST /pipelines/{id}/stages/order}: every stage id of the pipeline in the new order.
 */
record ReorderStagesRequest(@NotNull List<@NotNull String> stageIds) {
}
