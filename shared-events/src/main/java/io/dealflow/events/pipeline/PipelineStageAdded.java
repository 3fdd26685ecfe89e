package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * A stage was added to a pipeline.
 * <p>Revision 1: first shape.
 *
 * @param position       zero-based place of the new stage; the stages from there on move one place down
 * @param winProbability 0 to 100
 */
@Revision("1")
public record PipelineStageAdded(String pipelineId, String locationId, String stageId, String name, int position,
                                 int winProbability) {
}
