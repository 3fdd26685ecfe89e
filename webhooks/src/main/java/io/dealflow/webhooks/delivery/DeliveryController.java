package io.dealflow.webhooks.delivery;

import io.dealflow.events.Instants;
import io.dealflow.webhooks.http.BadWebhookParameter;
import io.dealflow.webhooks.http.Locations;
import io.dealflow.webhooks.http.WebhookNotFound;
import io.dealflow.webhooks.outbox.Outbox;
import io.dealflow.webhooks.subscription.Subscriptions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscription's deliveries over HTTP: the log, resending one delivery, and replaying everything since a moment.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/webhooks/{subscriptionId}")
class DeliveryController {

    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");
    private static final int MAX_LIMIT = 500;
    /** A delivery id or an event store position: digits that fit a {@code bigint}. */
    private static final Pattern POSITION = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_CURSOR_LENGTH = 64;

    private final Subscriptions subscriptions;
    private final DeliveryLog log;
    private final DeliveryQueue queue;
    private final Outbox outbox;
    private final DeliveryDispatcher dispatcher;
    private final Clock clock;

    DeliveryController(Subscriptions subscriptions, DeliveryLog log, DeliveryQueue queue, Outbox outbox,
                       DeliveryDispatcher dispatcher, Clock clock) {
        this.subscriptions = subscriptions;
        this.log = log;
        this.queue = queue;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** The delivery log, newest first; {@code status} narrows it to pending, delivered or dead ones. */
    @GetMapping("/deliveries")
    DeliveryPage deliveries(@PathVariable String locationId, @PathVariable String subscriptionId,
                            @RequestParam(required = false) String status,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") int limit) {
        existing(locationId, subscriptionId);
        if (status != null && !STATUSES.contains(status)) {
            throw new BadWebhookParameter("status", "must be one of pending, delivered, dead");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadWebhookParameter("limit", "must be between 1 and " + MAX_LIMIT);
        }
        DeliveryLog.Page page = log.page(subscriptionId, status, cursor == null ? null : fromCursor(cursor), limit);
        return new DeliveryPage(page.items(), page.lastId() == null ? null : toCursor(page.lastId()));
    }

    /** Sends the event to the subscription again, whatever became of its last delivery (202). */
    @PostMapping("/deliveries/{eventId}/resend")
    ResponseEntity<DeliveryView> resend(@PathVariable String locationId, @PathVariable String subscriptionId,
                                        @PathVariable String eventId) {
        existing(locationId, subscriptionId);
        long deliveryId = queue.resend(subscriptionId, eventId, clock.instant())
                .orElseThrow(() -> new WebhookNotFound("no delivery of event " + eventId + " to this webhook"));
        // Read back before waking the dispatcher: the answer shows the delivery pending again, not already sent.
        DeliveryView resent = log.find(deliveryId).orElseThrow();
        dispatcher.deliveriesQueued();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(resent);
    }

    /**
     * Queues again, in order and marked as replays, every event since {@code from} that the subscription wants:
     * {@code from} is an instant (ISO-8601) or an event store position ({@code globalIndex}) (202).
     */
    @PostMapping("/replay")
    ResponseEntity<ReplayAnswer> replay(@PathVariable String locationId, @PathVariable String subscriptionId,
                                        @RequestParam String from) {
        existing(locationId, subscriptionId);
        int queued;
        if (POSITION.matcher(from).matches()) {
            queued = outbox.replaySince(subscriptionId, Long.parseLong(from));
        } else {
            queued = outbox.replaySince(subscriptionId, instant(from));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplayAnswer(from, queued));
    }

    private void existing(String locationId, String subscriptionId) {
        if (!subscriptions.exists(Locations.checked(locationId), subscriptionId)) {
            throw new WebhookNotFound("no webhook " + subscriptionId + " in this location");
        }
    }

    private static Instant instant(String from) {
        try {
            return Instants.parse(from);
        } catch (IllegalArgumentException e) {
            throw new BadWebhookParameter("from", e.getMessage() + ", or an event store position (globalIndex)");
        }
    }

    private static String toCursor(long deliveryId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Long.toString(deliveryId).getBytes(StandardCharsets.UTF_8));
    }

    /** The delivery id a cursor holds: checked digit by digit after decoding, as a forged cursor may hold anything. */
    private static long fromCursor(String cursor) {
        String id;
        try {
            id = cursor.length() > MAX_CURSOR_LENGTH ? ""
                    : new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            id = "";
        }
        if (!POSITION.matcher(id).matches()) {
            throw new BadWebhookParameter("cursor", "is not a cursor this API issued");
        }
        return Long.parseLong(id);
    }
}
