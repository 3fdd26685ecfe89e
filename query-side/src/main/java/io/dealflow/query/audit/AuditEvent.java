package io.dealflow.query.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;

/**
 * One stored event as auditors see it: where it sits in the store, what it is, who caused it, and its metadata and
 * payload exactly as stored (in the payload revision it was written in).
 *
 * @param globalIndex     its place in the store's commit order
 * @param sequence        its place in its aggregate's stream, from 0
 * @param type            the event's simple name, such as {@code OpportunityStageMoved}
 * @param payloadRevision revision of {@code data}'s shape
 * @param actor           the principal who caused it, from the metadata; null when unrecorded
 */
record AuditEvent(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
                  String type, String payloadRevision, Instant occurredAt, String actor, String correlationId,
                  @Schema(description = "Every metadata entry: actor, actorName, actingUser, correlationId,"
                          + " causationId, requestId, door; bulkOperationId or importId when a bulk operation or a CSV import caused it")
                  ObjectNode metadata,
                  @Schema(description = "The payload as stored") ObjectNode data) {

    /** The event as one JSON object, the content of an export line before its chain hash. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("globalIndex", globalIndex);
        json.put("eventId", eventId);
        json.put("aggregateType", aggregateType);
        json.put("aggregateId", aggregateId);
        json.put("sequence", sequence);
        json.put("type", type);
        json.put("payloadRevision", payloadRevision);
        json.put("occurredAt", occurredAt.toString());
        json.put("actor", actor);
        json.put("correlationId", correlationId);
        json.set("metadata", metadata);
        json.set("data", data);
        return json;
    }
}
