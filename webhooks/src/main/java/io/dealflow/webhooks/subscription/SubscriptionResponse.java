package io.dealflow.webhooks.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API shows it. {@code secret} is only present in the answer that created it.
 *
 * @param previousSecretExpiresAt while a rotated-out secret still signs deliveries, until when; otherwise null
 */
record SubscriptionResponse(String id, String url, List<String> events, String pipelineId, String stageId,
                            String status, Instant createdAt, Instant updatedAt, Instant previousSecretExpiresAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static SubscriptionResponse of(Subscription subscription, Instant now) {
        Instant expires = subscription.previousSecretExpiresAt();
        return new SubscriptionResponse(subscription.id(), subscription.url(), subscription.events(),
                subscription.pipelineId(), subscription.stageId(), subscription.status(), subscription.createdAt(),
                subscription.updatedAt(), expires != null && expires.isAfter(now) ? expires : null, null);
    }

    SubscriptionResponse withSecret(String newSecret) {
        return new SubscriptionResponse(id, url, events, pipelineId, stageId, status, createdAt, updatedAt,
                previousSecretExpiresAt, newSecret);
    }
}
