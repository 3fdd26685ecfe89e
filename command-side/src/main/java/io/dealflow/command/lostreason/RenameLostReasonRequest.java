package io.dealflow.command.lostreason;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /lost-reasons/{id}}.
 */
record RenameLostReasonRequest(@NotBlank @Size(max = LostReason.MAX_NAME_LENGTH) String name) {
}
