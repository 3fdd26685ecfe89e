package io.dealflow.command.opportunity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /opportunities/{id}/notes/{noteId}}.
 */
record EditNoteRequest(@NotBlank @Size(max = 10_000) String body) {
}
