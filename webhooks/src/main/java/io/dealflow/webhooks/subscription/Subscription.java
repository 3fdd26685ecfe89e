package io.dealflow.webhooks.subscription;

import java.time.Instant;
import java.util.List;

/**
 * A location's order to be told about opportunity events at a URL.
 *
 * @param events                  event type names it wants
 * @param pipelineId              only opportunities in this pipeline (before or after the event); null for any
 * @param stageId                 only opportunities in this stage (before or after the event); null for any
 * @param status                  only opportunities with this status after the event; null for any
 * @param previousSecret          a rotated-out secret that still signs deliveries; null when none
 * @param startsAfter             event store position when it was created; later events are delivered
 */
record Subscription(String id, String locationId, String url, List<String> events, String pipelineId,
                    String stageId, String status, String secret, String previousSecret,
                    Instant previousSecretExpiresAt, long startsAfter, Instant createdAt, Instant updatedAt) {
}
