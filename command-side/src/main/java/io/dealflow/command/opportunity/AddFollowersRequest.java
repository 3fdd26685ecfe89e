package io.dealflow.command.opportunity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /opportunities/{id}/followers}: the user ids to add.
 */
record AddFollowersRequest(@NotEmpty @Size(max = 100) List<@NotBlank @Size(max = 255) String> followers) {
}
