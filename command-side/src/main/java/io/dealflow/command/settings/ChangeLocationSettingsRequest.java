package io.dealflow.command.settings;

import jakarta.validation.constraints.NotNull;

/**
 * Body of {@code PUT /api/v1/locations/{locationId}/settings}: every setting, as it should be from now on.
 */
record ChangeLocationSettingsRequest(@NotNull Boolean allowDuplicateOpportunity) {
}
