package io.dealflow.query.report;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deal as the reports see it: its current pipeline, stage, status, value, owner and source, when it was created and
 * (while closed) when it was last closed. Every aggregate row the reports sum is made of these facts alone, so the
 * projection moves the aggregates by the difference between a deal's facts before and after an event.
 *
 * @param furthestStageId of the current pipeline's stages the deal was ever in, the one placed last; null when none
 * @param closedAt        time of the latest close while won, lost or abandoned; null while open
 * @param version         sequence number of the last event applied + 1
 */
record ReportDeal(String opportunityId, String locationId, String pipelineId, String stageId, String furthestStageId,
                  String status, BigDecimal monetaryValue, String currency, String assignedTo, String source,
                  Instant createdAt, Instant closedAt, boolean deleted, long version) {

    static final String OPEN = "open";
    static final String WON = "won";

    boolean isOpen() {
        return OPEN.equals(status);
    }

    boolean isClosed() {
        return !isOpen();
    }

    ReportDeal movedTo(String pipelineId, String stageId) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    ReportDeal reaching(String furthestStageId) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    /** Closed with {@code status} at {@code at}, or reopened when {@code status} is open. */
    ReportDeal withStatus(String status, Instant at) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, OPEN.equals(status) ? null : at, deleted, version);
    }

    ReportDeal withValue(BigDecimal monetaryValue, String currency) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    ReportDeal withOwner(String assignedTo) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    ReportDeal withSource(String source) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    ReportDeal withDeleted(boolean deleted) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }

    ReportDeal atVersion(long version) {
        return new ReportDeal(opportunityId, locationId, pipelineId, stageId, furthestStageId, status, monetaryValue,
                currency, assignedTo, source, createdAt, closedAt, deleted, version);
    }
}
