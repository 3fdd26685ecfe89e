package io.dealflow.events.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@link OpportunityLost} revision 1 ({@code lostReasonId} and {@code lostReason} at the top level) as revision
 * 2 (both inside {@code reason}, which is null when neither was given). Stored events are never rewritten: the
 * upcaster runs whenever revision-1 bytes are read, by aggregates, processors and history alike.
 */
public class OpportunityLost1To2Upcaster extends SingleEventUpcaster {

    private static final String TYPE = OpportunityLost.class.getName();
    private static final SerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    private static final SerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, OpportunityLost1To2Upcaster::upcast);
    }

    /** The revision-2 JSON of a revision-1 payload. */
    static JsonNode upcast(JsonNode revision1) {
        ObjectNode payload = revision1.deepCopy();
        JsonNode id = payload.remove("lostReasonId");
        JsonNode text = payload.remove("lostReason");
        boolean noId = id == null || id.isNull();
        boolean noText = text == null || text.isNull();
        if (noId && noText) {
            payload.putNull("reason");
        } else {
            ObjectNode reason = payload.putObject("reason");
            reason.set("lostReasonId", noId ? JsonNodeFactory.instance.nullNode() : id);
            reason.set("text", noText ? JsonNodeFactory.instance.nullNode() : text);
        }
        return payload;
    }
}
