package io.dealflow.webhooks.subscription;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /webhooks}.
 *
 * @param events     event type names, e.g. {@code OpportunityStageUpdate}
 * @param pipelineId optional filter: only opportunities in this pipeline
 * @param stageId    optional filter: only opportunities in this stage
 * @param status     optional filter: only opportunities with this status ({@code open}, {@code won}, {@code lost},
 *                   {@code abandoned})
 */
record CreateSubscriptionRequest(@NotBlank @Size(max = 2048) String url,
                                 @NotEmpty @Size(max = 20) List<@NotNull String> events,
                                 @Size(min = 1, max = 255) String pipelineId,
                                 @Size(min = 1, max = 255) String stageId,
                                 String status) {
}
