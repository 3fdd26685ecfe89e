package io.dealflow.command.opportunity;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /opportunities/{id}/reopen}: optionally the stage of its pipeline to reopen it in.
 */
record ReopenRequest(@Size(max = 64) String stageId) {
}
