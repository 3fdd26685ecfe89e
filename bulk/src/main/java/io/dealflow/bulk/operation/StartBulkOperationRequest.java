package io.dealflow.bulk.operation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code POST /bulk-operations}: an action, its params, and either the deals' ids or a filter.
 */
record StartBulkOperationRequest(
        @Schema(description = "move-stage, mark-won, mark-lost, mark-abandoned, reopen, edit, add-tags, remove-tags,"
                + " add-followers, delete or restore") String action,
        @Schema(description = "The body of the action's command: move-stage {stageId, pipelineId?}, mark-lost"
                + " {lostReasonId?, lostReason?}, reopen {stageId?}, edit (the PATCH body), add-tags / remove-tags"
                + " {tags}, add-followers {followers}; none for the others") ObjectNode params,
        @Schema(description = "At most 10,000 opportunity ids; or give filter") List<String> ids,
        @Schema(description = "The query parameters of GET /opportunities as a JSON object (tag may be a list);"
                + " resolved once, when the operation starts; it may match at most 10,000 deals") ObjectNode filter) {
}
