package io.dealflow.webhooks.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A delivery this instance holds the lease of, with what sending it needs.
 *
 * @param locationId the subscription's location, for the dispatcher's per-location cap
 * @param body       the recorded body (with {@code "replay": false})
 * @param attempts   attempts so far in this cycle
 */
record ClaimedDelivery(long deliveryId, String subscriptionId, String locationId, String opportunityId,
                       String eventId, String url, String secret, String previousSecret,
                       Instant previousSecretExpiresAt, String body, boolean replay, int attempts,
                       Instant cycleStartedAt) {

    /** The secrets that sign it now: the current one, and a rotated-out one until it expires. */
    List<String> secrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretExpiresAt != null && previousSecretExpiresAt.isAfter(now)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }
}
