package io.dealflow.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dealflow.events.StorableText;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Iterator;
import java.util.Map;

/**
 * Reads payloads stored before the HTTP edge refused unstorable text with each NUL and unpaired surrogate replaced by
 * U+FFFD ({@link StorableText}), in every string and field name, so the read models can hold what the event says and
 * every rebuild gives the same rows. Stored bytes are never rewritten. Jackson writes both faults as JSON escapes
 * (backslash, {@code u0000} or {@code uD800} to {@code uDFFF}), so a payload without such an escape is passed on
 * untouched after one scan of its bytes.
 */
class StorableTextUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return mayHoldFault(representation.getData(byte[].class).getData());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(representation.getType(), JsonNode.class, StorableTextUpcaster::repaired);
    }

    /** Whether the JSON bytes hold an escape of NUL or of a surrogate (paired ones too: those are checked later). */
    static boolean mayHoldFault(byte[] json) {
        for (int i = 0; i + 5 < json.length; i++) {
            if (json[i] == '\\' && json[i + 1] == 'u') {
                byte third = json[i + 2];
                if (third == 'd' || third == 'D') {
                    byte fourth = json[i + 3];
                    if ((fourth >= '8' && fourth <= '9') || (fourth >= 'a' && fourth <= 'f')
                            || (fourth >= 'A' && fourth <= 'F')) {
                        return true;
                    }
                } else if (third == '0' && json[i + 3] == '0' && json[i + 4] == '0' && json[i + 5] == '0') {
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code node} with every string and field name repaired; the node itself when nothing needed it. */
    static JsonNode repaired(JsonNode node) {
        if (node.isTextual()) {
            String repaired = StorableText.repaired(node.textValue());
            return repaired.equals(node.textValue()) ? node : TextNode.valueOf(repaired);
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, repaired(array.get(i)));
            }
        } else if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            ObjectNode copy = object.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(StorableText.repaired(field.getKey()), repaired(field.getValue()));
            }
            return copy;
        }
        return node;
    }
}
