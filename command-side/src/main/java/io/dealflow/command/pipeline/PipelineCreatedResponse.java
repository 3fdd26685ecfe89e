package io.dealflow.command.pipeline;

import java.util.List;

/**
 * Answer of {@code POST /pipelines}: the usual command answer plus the new stages with their generated ids.
 */
record PipelineCreatedResponse(String id, long version, String consistencyToken, List<StageResponse> stages) {

    /** A stage as created. */
    record StageResponse(String id, String name, int position, int winProbability) {
    }
}
