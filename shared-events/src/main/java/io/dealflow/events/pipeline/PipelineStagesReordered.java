package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The stages of a pipeline were put in a new order.
 * <p>Revision 1: first shape.
 *
 * @param stageIds every stage id of the pipeline, in the new board order
 */
@Revision("1")
public record PipelineStagesReordered(String pipelineId, String locationId, List<String> stageIds) {
}
