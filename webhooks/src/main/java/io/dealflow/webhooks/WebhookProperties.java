package io.dealflow.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * Settings of the webhooks module ({@code dealflow.webhooks.*}). Defaults live here, in code, because the standalone
 * server loads every module and only one {@code application.properties} wins.
 *
 * @param allowPrivateTargets   accept targets on loopback, link-local and private networks (tests, local development)
 * @param nodeId                owner name of this instance's claims (processor segments, deliveries being sent); must
 *                              differ between running instances, so it defaults to a random id
 * @param secretRotationOverlap how long a rotated-out secret keeps signing deliveries beside the new one
 * @param workersEnabled        whether this instance runs the outbox processor, the dispatcher and the stale trigger
 *                              (the {@code webhooks} role of the standalone server); subscriptions and the delivery log
 *                              are served either way
 */
@ConfigurationProperties("dealflow.webhooks")
public record WebhookProperties(@DefaultValue("false") boolean allowPrivateTargets,
                                String nodeId,
                                @DefaultValue("24h") Duration secretRotationOverlap,
                                @DefaultValue Retry retry,
                                @DefaultValue Http http,
                                @DefaultValue Dispatch dispatch,
                                @DefaultValue Processor processor,
                                @DefaultValue Stale stale,
                                @DefaultValue("true") boolean workersEnabled) {

    public WebhookProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = "webhooks-" + UUID.randomUUID();
        }
    }

    /**
     * Retries of a failed delivery.
     *
     * @param initialDelay wait after the first failure; doubled per attempt, with jitter
     * @param maxDelay     longest wait between two attempts
     * @param maxAge       how long a delivery is retried before it is parked as {@code dead}
     */
    public record Retry(@DefaultValue("1s") Duration initialDelay,
                        @DefaultValue("1h") Duration maxDelay,
                        @DefaultValue("24h") Duration maxAge) {
    }

    /**
     * Timeouts of the calls to receivers. An attempt cut by either is a failed attempt, retried after the backoff.
     *
     * @param connectTimeout longest wait for the connection to a receiver
     * @param requestTimeout longest an attempt may take as a whole: connecting, sending, and reading the answer; it
     *                       bounds how long a hanging receiver holds a dispatch thread
     */
    public record Http(@DefaultValue("5s") Duration connectTimeout,
                       @DefaultValue("10s") Duration requestTimeout) {

        public Http {
            if (connectTimeout.isNegative() || connectTimeout.isZero()
                    || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("dealflow.webhooks.http timeouts must be positive");
            }
        }
    }

    /**
     * The dispatcher that sends due deliveries. The two caps are this instance's bulkheads: receivers that hang hold
     * at most their subscription's and their location's share of the threads, and the rest keep their pace.
     *
     * @param threads                    deliveries sent at the same time by this instance
     * @param maxInFlightPerSubscription deliveries of one subscription this instance sends at the same time
     * @param maxInFlightPerLocation     deliveries of one location's subscriptions this instance sends at the same
     *                                   time; below {@code threads}, so one location never takes them all
     * @param pollInterval               how often it looks for due deliveries when nothing woke it
     */
    public record Dispatch(@DefaultValue("8") int threads,
                           @DefaultValue("2") int maxInFlightPerSubscription,
                           @DefaultValue("4") int maxInFlightPerLocation,
                           @DefaultValue("250ms") Duration pollInterval) {

        public Dispatch {
            if (threads < 1 || maxInFlightPerSubscription < 1 || maxInFlightPerLocation < 1) {
                throw new IllegalArgumentException(
                        "dealflow.webhooks.dispatch threads and max-in-flight caps must be at least 1");
            }
        }
    }

    /**
     * The event processor that turns events into deliveries.
     *
     * @param segments  segments when first initialised; instances share work by claiming them
     * @param batchSize events per transaction
     * @param readQuiet pause after a read of the event store found nothing: under load the outbox then folds what
     *                  arrived meanwhile in one transaction instead of one per command; deliveries wait at most this
     *                  much longer
     * @param claimTimeout       how long a segment's claim holds unrenewed before another instance may take it (see
     *                           {@code dealflow.projections.claim-timeout}: the same 5 s)
     * @param tokenClaimInterval how often an instance looks for unclaimed segments
     */
    public record Processor(@DefaultValue("2") int segments,
                            @DefaultValue("100") int batchSize,
                            @DefaultValue("250ms") Duration readQuiet,
                            @DefaultValue("5s") Duration claimTimeout,
                            @DefaultValue("1s") Duration tokenClaimInterval) {
    }

    /**
     * The stale-opportunity trigger.
     *
     * @param scanInterval how often open opportunities are checked against their pipeline's stale setting
     */
    public record Stale(@DefaultValue("1m") Duration scanInterval) {
    }
}
