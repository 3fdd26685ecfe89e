package io.dealflow.command.opportunity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Body of {@code POST /opportunities/{id}/tasks}.
 */
record AddTaskRequest(@NotBlank @Size(max = 255) String title, Instant dueAt, @Size(max = 255) String assignedTo) {
}
