package io.dealflow.command.opportunity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /opportunities/{id}/notes}.
 */
record AddNoteRequest(@NotBlank @Size(max = 10_000) String body) {
}
