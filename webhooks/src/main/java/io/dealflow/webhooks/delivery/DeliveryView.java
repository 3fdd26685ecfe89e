package io.dealflow.webhooks.delivery;

import java.time.Instant;

/**
 * One delivery in a subscription's log.
 *
 * @param status         {@code pending}, {@code delivered} or {@code dead}
 * @param attempts       attempts since it was queued or last resent
 * @param lastStatusCode the receiver's last answer; null when it gave none (timeout, refused connection)
 * @param lastError      why the last attempt failed; null after a success
 * @param lastLatencyMs  duration of the last attempt in milliseconds
 * @param nextAttemptAt  when a pending delivery is due
 * @param replay         queued by a replay request
 */
record DeliveryView(String eventId, String type, String opportunityId, String status, int attempts,
                    Integer lastStatusCode, Instant lastAttemptAt, Instant deliveredAt, String lastError,
                    Integer lastLatencyMs, Instant nextAttemptAt, boolean replay, Instant createdAt) {
}
