package io.dealflow.query.opportunity;

import io.dealflow.events.Contact;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An opportunity as detail and search show it.
 *
 * @param status  {@code open}, {@code won}, {@code lost} or {@code abandoned}
 * @param version the opportunity's event-stream version, as the write side counts it (also its ETag)
 */
public record OpportunityView(String id, String locationId, String name, String pipelineId, String stageId,
                              String status, BigDecimal monetaryValue, String currency, Contact contact,
                              String source, String assignedTo, List<String> followers, List<String> tags,
                              Map<String, Object> customFields, String lostReasonId, String lostReason,
                              Instant createdAt, Instant updatedAt, Instant lastStageChangeAt,
                              Instant lastStatusChangeAt, long version) {
}
