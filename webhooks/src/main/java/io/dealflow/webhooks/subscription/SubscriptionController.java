package io.dealflow.webhooks.subscription;

import io.dealflow.webhooks.WebhookProperties;
import io.dealflow.webhooks.http.InvalidWebhookRequest;
import io.dealflow.webhooks.http.Locations;
import io.dealflow.webhooks.http.WebhookNotFound;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook subscriptions over HTTP: {@code /api/v1/locations/{locationId}/webhooks}. A subscription of another
 * location answers 404, like a missing one.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/webhooks")
class SubscriptionController {

    private static final Set<String> STATUSES = Set.of("open", "won", "lost", "abandoned");

    private final Subscriptions subscriptions;
    private final TargetGuard guard;
    private final Clock clock;
    private final Duration rotationOverlap;

    SubscriptionController(Subscriptions subscriptions, TargetGuard guard, Clock clock, WebhookProperties properties) {
        this.subscriptions = subscriptions;
        this.guard = guard;
        this.clock = clock;
        this.rotationOverlap = properties.secretRotationOverlap();
    }

    /** Creates a subscription; the answer is the only one that shows its secret. */
    @PostMapping
    ResponseEntity<SubscriptionResponse> create(@PathVariable String locationId,
                                                @Valid @RequestBody CreateSubscriptionRequest request) {
        String location = Locations.checked(locationId);
        Instant now = clock.instant();
        Subscription subscription = new Subscription(UUID.randomUUID().toString(), location, target(request.url()),
                eventTypes(request.events()), request.pipelineId(), request.stageId(), status(request.status()),
                WebhookSecret.generate(), null, null, 0, now, now);
        subscriptions.create(subscription);
        return ResponseEntity.created(URI.create("/api/v1/locations/" + location + "/webhooks/" + subscription.id()))
                .body(SubscriptionResponse.of(subscription, now).withSecret(subscription.secret()));
    }

    @GetMapping
    SubscriptionList list(@PathVariable String locationId) {
        Instant now = clock.instant();
        return new SubscriptionList(subscriptions.list(Locations.checked(locationId)).stream()
                .map(subscription -> SubscriptionResponse.of(subscription, now)).toList());
    }

    @GetMapping("/{subscriptionId}")
    SubscriptionResponse get(@PathVariable String locationId, @PathVariable String subscriptionId) {
        return SubscriptionResponse.of(existing(locationId, subscriptionId), clock.instant());
    }

    /** Changes the fields the body names; deliveries already queued go to the new URL. */
    @PatchMapping("/{subscriptionId}")
    SubscriptionResponse update(@PathVariable String locationId, @PathVariable String subscriptionId,
                                @Valid @RequestBody UpdateSubscriptionRequest request) {
        Subscription old = existing(locationId, subscriptionId);
        Instant now = clock.instant();
        Subscription changed = new Subscription(old.id(), old.locationId(),
                request.names("url") ? target(request.url()) : old.url(),
                request.names("events") ? eventTypes(request.events()) : old.events(),
                request.names("pipelineId") ? request.pipelineId() : old.pipelineId(),
                request.names("stageId") ? request.stageId() : old.stageId(),
                request.names("status") ? status(request.status()) : old.status(),
                old.secret(), old.previousSecret(), old.previousSecretExpiresAt(), old.startsAfter(),
                old.createdAt(), now);
        subscriptions.update(changed);
        return SubscriptionResponse.of(changed, now);
    }

    /** Deletes the subscription and its delivery log; nothing more is sent to it. */
    @DeleteMapping("/{subscriptionId}")
    ResponseEntity<Void> delete(@PathVariable String locationId, @PathVariable String subscriptionId) {
        if (!subscriptions.delete(Locations.checked(locationId), subscriptionId)) {
            throw notFound(subscriptionId);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Gives the subscription a new secret, shown only in this answer. The old one keeps signing deliveries beside
     * the new one ({@code webhook-signature} then carries both) for the rotation overlap, 24 hours by default, so the
     * receiver can switch without losing a delivery.
     */
    @PostMapping("/{subscriptionId}/rotate-secret")
    SubscriptionResponse rotateSecret(@PathVariable String locationId, @PathVariable String subscriptionId) {
        Subscription old = existing(locationId, subscriptionId);
        Instant now = clock.instant();
        String secret = WebhookSecret.generate();
        subscriptions.rotateSecret(old.locationId(), old.id(), secret, now.plus(rotationOverlap), now);
        return SubscriptionResponse.of(subscriptions.find(old.locationId(), old.id()).orElseThrow(), now)
                .withSecret(secret);
    }

    private Subscription existing(String locationId, String subscriptionId) {
        return subscriptions.find(Locations.checked(locationId), subscriptionId)
                .orElseThrow(() -> notFound(subscriptionId));
    }

    private String target(String url) {
        if (url == null) {
            throw new InvalidWebhookRequest("url", "must not be null");
        }
        guard.refusal(url).ifPresent(reason -> {
            throw new InvalidWebhookRequest("url", reason);
        });
        return url;
    }

    private static List<String> eventTypes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidWebhookRequest("events", "must name at least one event type");
        }
        for (int i = 0; i < names.size(); i++) {
            if (WebhookEventType.named(names.get(i)).isEmpty()) {
                throw new InvalidWebhookRequest("events[" + i + "]",
                        "is not an event type: " + List.of(WebhookEventType.values()));
            }
        }
        return names.stream().distinct().toList();
    }

    private static String status(String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidWebhookRequest("status", "must be one of open, won, lost, abandoned");
        }
        return status;
    }

    private static WebhookNotFound notFound(String subscriptionId) {
        return new WebhookNotFound("no webhook " + subscriptionId + " in this location");
    }
}
