package io.dealflow.query.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.store.EventSerialization;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.history.StoredEvents.StoredEvent;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An opportunity's history: every event in stream order with who caused it and when, read from the event store a page
 * at a time by a sequence range on the aggregate's index. Deleted opportunities keep their history.
 */
@RestController
@Tag(name = "History and audit")
class HistoryController {

    private static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = EventSerialization.eventMapper();
    /** Payload fields naming a stage, each with the field naming its pipeline. */
    private static final Map<String, String> STAGE_FIELDS = Map.of(
            "stageId", "pipelineId", "fromStageId", "fromPipelineId", "toStageId", "toPipelineId");

    private final StoredEvents events;
    private final JdbcTemplate jdbc;
    private final ConsistencyGate consistency;

    HistoryController(StoredEvents events, JdbcTemplate jdbc, ConsistencyGate consistency) {
        this.events = events;
        this.jdbc = jdbc;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/opportunities/{opportunityId}/history")
    @Operation(summary = "Every event of an opportunity in order, with actor, time and readable data",
            description = "Also for deleted opportunities. Pages of up to 1000 events (all of them by default):"
                    + " pass nextCursor as cursor for the next page.")
    HistoryEntry.Page history(@PathVariable String locationId, @PathVariable String opportunityId,
                              @Parameter(description = "Events per page, 1 to 1000, default 1000")
                              @RequestParam(required = false) String limit,
                              @RequestParam(required = false) String cursor,
                              @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                              String consistencyToken) {
        String location = QueryParameters.location(locationId);
        int pageSize = QueryParameters.limit(limit, MAX_LIMIT, MAX_LIMIT);
        long after = cursor == null || cursor.isBlank() ? -1 : Cursor.decode(cursor, opportunityId, 1).position(0);
        consistency.await(consistencyToken, ReadModels.HISTORY);

        // Only the page's events are read (a range on the aggregate's index); a later page reads the creation
        // event too, to check that the id is an opportunity of this location.
        List<TrackedEventMessage<?>> page = messages(events.ofAggregate(opportunityId, after, pageSize + 1));
        List<TrackedEventMessage<?>> first = after < 0 ? page : messages(events.ofAggregate(opportunityId, -1, 1));
        if (first.isEmpty() || sequenceOf(first.get(0)) != 0
                || !(first.get(0).getPayload() instanceof OpportunityCreated created)
                || !created.locationId().equals(location)) {
            throw new ResourceNotFound("opportunity", opportunityId);
        }
        String nextCursor = null;
        if (page.size() > pageSize) {
            page = page.subList(0, pageSize);
            nextCursor = Cursor.encode(opportunityId, List.of(Long.toString(sequenceOf(page.get(pageSize - 1)))));
        }
        List<ObjectNode> data = page.stream().map(message -> data(message.getPayload())).toList();
        NamesThen names = NamesThen.of(jdbc, pipelineIds(data));
        List<HistoryEntry> items = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            TrackedEventMessage<?> message = page.get(i);
            name(data.get(i), names, StoredEvents.globalIndex(message.trackingToken()));
            MetaData metaData = message.getMetaData();
            items.add(new HistoryEntry(sequenceOf(message), message.getPayloadType().getSimpleName(),
                    EventTime.of(message.getTimestamp()).toInstant(), text(metaData, EventMetadata.ACTOR),
                    text(metaData, EventMetadata.ACTOR_NAME), text(metaData, EventMetadata.ACTING_USER),
                    text(metaData, EventMetadata.DOOR), text(metaData, EventMetadata.CORRELATION_ID),
                    text(metaData, EventMetadata.BULK_OPERATION_ID), text(metaData, EventMetadata.IMPORT_ID),
                    data.get(i)));
        }
        return new HistoryEntry.Page(items, nextCursor);
    }

    private List<TrackedEventMessage<?>> messages(List<StoredEvent> stored) {
        return stored.isEmpty() ? List.of() : events.messages(stored);
    }

    private static ObjectNode data(Object payload) {
        ObjectNode data = JSON.valueToTree(payload);
        data.remove("opportunityId");
        data.remove("locationId");
        return data;
    }

    private static Set<String> pipelineIds(List<ObjectNode> data) {
        Set<String> ids = new LinkedHashSet<>();
        for (ObjectNode fields : data) {
            for (String field : STAGE_FIELDS.values()) {
                if (fields.hasNonNull(field)) {
                    ids.add(fields.get(field).asText());
                }
            }
        }
        return ids;
    }

    /** Adds the name each pipeline and stage field had at that global index, beside the field. */
    private static void name(ObjectNode data, NamesThen names, long globalIndex) {
        STAGE_FIELDS.forEach((stageField, pipelineField) -> {
            if (data.hasNonNull(pipelineField)) {
                String pipelineId = data.get(pipelineField).asText();
                data.put(pipelineField.replace("Id", "Name"), names.pipeline(pipelineId, globalIndex));
                if (data.hasNonNull(stageField)) {
                    data.put(stageField.replace("Id", "Name"),
                            names.stage(pipelineId, data.get(stageField).asText(), globalIndex));
                }
            }
        });
    }

    private static long sequenceOf(TrackedEventMessage<?> message) {
        return ((DomainEventMessage<?>) message).getSequenceNumber();
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }
}
