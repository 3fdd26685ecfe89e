package io.dealflow.command.opportunity;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /opportunities/{id}/mark-lost}: a lost reason of the location, free text, both or neither.
 */
record MarkLostRequest(@Size(max = 64) String lostReasonId, @Size(max = 255) String lostReason) {
}
