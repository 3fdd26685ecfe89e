package io.dealflow.bulk;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.UUID;

/**
 * Settings of bulk operations and imports ({@code dealflow.bulk.*}); defaults in code, as for every module.
 *
 * @param nodeId    owner name of this instance's leases on running jobs; random by default, so instances differ
 * @param lease     how long a job stays with the instance working on it without a sign of life; after a crash another
 *                  instance (or the restarted one) takes it over when it ran out
 * @param batchSize items a job works through before the worker looks at other jobs and renews its lease
 * @param idlePoll  how often an idle worker looks for jobs
 * @param maxItemAttempts how often in a row one item of a job may meet an unexpected error (not a refusal of its
 *                  command, not the database being away) before the job ends {@code failed}; counted across restarts
 */
@ConfigurationProperties("dealflow.bulk")
public record BulkProperties(String nodeId,
                             @DefaultValue("15s") Duration lease,
                             @DefaultValue("50") int batchSize,
                             @DefaultValue("500ms") Duration idlePoll,
                             @DefaultValue("3") int maxItemAttempts) {

    public BulkProperties {
        if (nodeId == null || nodeId.isBlank()) {
            nodeId = "bulk-" + UUID.randomUUID();
        }
        if (maxItemAttempts < 1) {
            throw new IllegalArgumentException("dealflow.bulk.max-item-attempts must be at least 1");
        }
    }
}
