package io.dealflow.webhooks.stale;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /webhooks/stale-settings/{pipelineId}}.
 *
 * @param staleAfterDays days without a stage change after which an open opportunity is stale, 1 to 3650
 */
record StaleSettingRequest(@NotNull @Min(1) @Max(3650) Integer staleAfterDays) {
}
