package io.dealflow.webhooks.stale;

import java.time.Instant;

/**
 * How long an open opportunity of a pipeline may sit without a stage change before it is reported stale.
 */
record StaleSetting(String pipelineId, int staleAfterDays, Instant updatedAt) {
}
