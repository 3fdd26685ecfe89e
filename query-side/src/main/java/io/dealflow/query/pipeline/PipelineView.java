package io.dealflow.query.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * A pipeline as queries answer it, with its stages in board order.
 *
 * @param version the pipeline's event-stream version, as the write side counts it
 */
public record PipelineView(String id, String locationId, String name, List<StageView> stages, Instant createdAt,
                           Instant updatedAt, long version) {
}
