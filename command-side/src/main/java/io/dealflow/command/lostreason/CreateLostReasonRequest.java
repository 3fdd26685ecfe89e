package io.dealflow.command.lostreason;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /lost-reasons}.
 */
record CreateLostReasonRequest(@NotBlank @Size(max = LostReason.MAX_NAME_LENGTH) String name) {
}
