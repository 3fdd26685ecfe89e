package io.dealflow.highlevel.opportunity;

import java.math.BigDecimal;
import java.util.List;

/**
 * An opportunity as HighLevel shows it. Timestamps are UTC with milliseconds and {@code Z}.
 *
 * @param indexVersion   the opportunity's event-stream version: it grows with every change
 * @param lastActionDate the last change of any kind (dealflow's {@code updatedAt})
 * @param lostReasonId   only while the status is {@code lost}
 */
public record HighLevelOpportunity(String id, String name, BigDecimal monetaryValue, String pipelineId,
                                   String pipelineStageId, String assignedTo, String status, String source,
                                   String lastStatusChangeAt, String lastStageChangeAt, String lastActionDate,
                                   long indexVersion, String createdAt, String updatedAt, String contactId,
                                   String locationId, ContactView contact, String lostReasonId,
                                   List<CustomFieldValue> customFields, List<String> followers) {

    /** The contact as HighLevel embeds it; dealflow keeps no contact tags, so {@code tags} is always empty. */
    public record ContactView(String id, String name, String companyName, String email, String phone,
                              List<String> tags) {
    }

    /** A custom field value, by the id (or key) it was written with. */
    public record CustomFieldValue(String id, Object fieldValue) {
    }
}
