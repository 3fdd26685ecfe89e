package io.dealflow.query.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * Settings of the query side's processors ({@code dealflow.projections.*}). The defaults live here, in code, because
 * the standalone server loads both sides and only one {@code application.properties} wins.
 *
 * @param nodeId             owner name of this instance's token claims; must differ between running instances, so it
 *                           defaults to a random id
 * @param batchSize          events per transaction of a busy processor
 * @param segments           segments of the high-volume projections (board, opportunities) when first initialised;
 *                           instances share work by claiming segments
 *
 * <p>Batch size and segments were chosen by {@code ReadModelBenchmark} (replay of 160k events for 100k opportunities
 * on 2 shared cores): one segment replayed about 2.0-2.3k events/s, two segments 3.0-4.5k/s, four 3.7-4.2k/s; batches
 * of 50 were slowest, 200 to 1000 within the noise of each other. Two segments of 500 keep transactions short and the
 * connection pool small while taking most of the gain.
 * @param claimExtension     how often an idle segment writes its position and renews its claim
 * @param consistencyTimeout longest wait of a query for its {@code Consistency-Token}
 * @param readQuiet          pause after a read of the store found nothing, for the projections that reads with a
 *                           {@code Consistency-Token} wait on (pipelines, board, opportunities, lost reasons): under
 *                           load each processor then folds what arrived during the pause in one batch, instead of
 *                           reading and committing once per command ({@code PromptEventSource#pacedBy}); a query that
 *                           waits for its token ends the pause ({@code PromptEventSource#hurry}). Chosen by the commands
 *                           benchmark: 100 ms here and 500 ms for the background ones cut the CPU per command by a
 *                           third against unpaced reads (README, issue 17)
 * @param backgroundReadQuiet the same pause for reports and history, which dashboards and auditors read
 * @param processorsEnabled  whether this instance's processors claim segments (the {@code projections} role of the
 *                           standalone server); when false they are registered but never claim, so the instance still
 *                           knows what each projection handles (consistency-token waits) and can rebuild one
 * @param claimTimeout       how long a segment's claim holds without being renewed: after it, another instance takes
 *                           the segment over. Claims are renewed every {@code claimExtension} (1 s), so 5 s tolerates
 *                           four missed renewals (a GC pause, a slow batch) before a live instance loses a segment,
 *                           while a dead instance's segments are free within 5 s
 * @param tokenClaimInterval how often an instance looks for unclaimed segments; with the claim timeout, a dead
 *                           instance's segments are taken over within about 6 s (the multi-node target is 10 s). Each
 *                           look is one small query per processor
 */
@ConfigurationProperties("dealflow.projections")
public record ProjectionSettings(String nodeId,
                                 @DefaultValue("500") int batchSize,
                                 @DefaultValue("2") int segments,
                                 @DefaultValue("1s") Duration claimExtension,
                                 @DefaultValue("5s") Duration consistencyTimeout,
                                 @DefaultValue("100ms") Duration readQuiet,
                                 @DefaultValue("500ms") Duration backgroundReadQuiet,
                                 @DefaultValue("true") boolean processorsEnabled,
                                 @DefaultValue("5s") Duration claimTimeout,
                                 @DefaultValue("1s") Duration tokenClaimInterval) {

    public ProjectionSettings {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = "query-" + UUID.randomUUID();
        }
    }

    /** The read pause of a projection's processor. */
    public Duration readQuiet(String projection) {
        return ReadModels.REPORTS.equals(projection) || ReadModels.HISTORY.equals(projection)
                ? backgroundReadQuiet : readQuiet;
    }
}
