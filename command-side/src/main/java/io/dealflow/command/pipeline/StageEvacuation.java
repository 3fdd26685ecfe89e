package io.dealflow.command.pipeline;

/**
 * Moves the open opportunities of a stage being removed to another stage of the same pipeline, with one
 * {@code OpportunityStageMoved} in each opportunity's own stream, in the removal's unit of work. An interface so
 * fixture tests can record the moves without an event store.
 */
interface StageEvacuation {

    /** Moves every open, not deleted opportunity of {@code fromStageId} to {@code toStageId}; answers how many. */
    int moveOpenOpportunities(String locationId, String pipelineId, String fromStageId, String toStageId);
}
