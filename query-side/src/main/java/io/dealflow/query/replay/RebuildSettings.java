package io.dealflow.query.replay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of projection rebuilds ({@code dealflow.rebuild.*}).
 *
 * @param batchSize      events per replay transaction; large batches are where replay speed comes from
 * @param switchDistance how close (in events) the replay must get to the live processor before the short locked
 *                       transaction that catches up the rest and switches the tables
 */
@ConfigurationProperties("dealflow.rebuild")
record RebuildSettings(@DefaultValue("10000") int batchSize, @DefaultValue("2000") long switchDistance) {
}
