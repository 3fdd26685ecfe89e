package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * A stage of a pipeline got a new name.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record PipelineStageRenamed(String pipelineId, String locationId, String stageId, String name) {
}
