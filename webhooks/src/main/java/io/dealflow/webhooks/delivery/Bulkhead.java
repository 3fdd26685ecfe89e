package io.dealflow.webhooks.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * The deliveries this instance is sending, counted per subscription and per location against their caps, so that
 * receivers which hang hold at most their share of the dispatch threads. A delivery enters when it is claimed and
 * leaves when its sender is done with its queue; the next delivery of the same queue, sent by the same thread, takes
 * over its place.
 */
final class Bulkhead {

    private final int maxPerSubscription;
    private final int maxPerLocation;
    private final Map<String, Integer> bySubscription = new HashMap<>();
    private final Map<String, Integer> byLocation = new HashMap<>();

    Bulkhead(int maxPerSubscription, int maxPerLocation) {
        this.maxPerSubscription = maxPerSubscription;
        this.maxPerLocation = maxPerLocation;
    }

    /** What is being sent right now, with the caps: the claim takes only what still fits. */
    synchronized InFlight inFlight() {
        return new InFlight(Map.copyOf(bySubscription), Map.copyOf(byLocation), maxPerSubscription, maxPerLocation);
    }

    synchronized void enter(ClaimedDelivery delivery) {
        bySubscription.merge(delivery.subscriptionId(), 1, Integer::sum);
        byLocation.merge(delivery.locationId(), 1, Integer::sum);
    }

    synchronized void leave(ClaimedDelivery delivery) {
        bySubscription.computeIfPresent(delivery.subscriptionId(), (id, count) -> count == 1 ? null : count - 1);
        byLocation.computeIfPresent(delivery.locationId(), (id, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Deliveries being sent per subscription and per location (only those with any), and how many of each may be.
     */
    record InFlight(Map<String, Integer> bySubscription, Map<String, Integer> byLocation, int maxPerSubscription,
                    int maxPerLocation) {
    }
}
