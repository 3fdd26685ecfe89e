package io.dealflow.command.pipeline;

import java.util.List;

/**
 * Create a pipeline with its first stages, in board order.
 *
 * @param pipelineId new id, chosen by the caller
 * @param stages     at least one stage
 */
public record CreatePipeline(String pipelineId, String locationId, String name, List<NewStage> stages) {

    /**
     * A stage of a new pipeline.
     *
     * @param stageId        new id, chosen by the caller
     * @param winProbability 0 to 100
     */
    public record NewStage(String stageId, String name, Integer winProbability) {
    }
}
