package io.dealflow.query.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * One event of an opportunity's history.
 *
 * @param sequence      the event's place in the opportunity's stream, from 0
 * @param type          the event type: the event's simple name, such as {@code OpportunityStageMoved}
 * @param actor         the principal who caused it (an API key id), from the event's metadata; null when unrecorded
 * @param actorName     the actor's name when the event was recorded
 * @param actingUser    the user the client acted for ({@code X-Acting-User}), if any
 * @param door          the API it came through: {@code native} or {@code highlevel}
 * @param bulkOperationId the bulk operation that caused it, if any
 * @param importId      the CSV import that caused it, if any
 * @param data          the event's fields, with the names of the pipelines and stages it mentions as they were then
 */
record HistoryEntry(long sequence, String type, Instant occurredAt, String actor, String actorName,
                    String actingUser, String door, String correlationId, String bulkOperationId, String importId,
                    @Schema(description = "The event's fields without opportunityId and locationId; each pipelineId /"
                            + " stageId field (also from- and to-) gains a ...Name field with the name it had then")
                    JsonNode data) {

    /** A page of history. */
    record Page(List<HistoryEntry> items,
                @Schema(description = "Pass as cursor for the next page; null on the last", nullable = true)
                String nextCursor) {
    }
}
