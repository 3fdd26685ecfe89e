package io.dealflow.command.pipeline;

import java.util.List;

/**
 * The facts about other aggregates that pipeline rules need: which pipeline names a location uses and which deals are
 * open in a pipeline. Narrowed from {@link io.dealflow.command.lookup.PipelineCatalog} and
 * {@link io.dealflow.command.lookup.OpportunityCatalog} so fixture tests can answer them from memory.
 */
interface PipelineLookup {

    /** Whether another live pipeline of the location has this name, ignoring case. */
    boolean pipelineNameTaken(String locationId, String name, String exceptPipelineId);

    /** Ids of the open opportunities in a stage. */
    List<String> openOpportunitiesIn(String pipelineId, String stageId);

    /** How many open opportunities a pipeline holds. */
    long openOpportunitiesIn(String pipelineId);
}
