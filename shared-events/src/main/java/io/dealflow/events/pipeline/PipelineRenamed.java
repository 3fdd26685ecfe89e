package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * A pipeline got a new name.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record PipelineRenamed(String pipelineId, String locationId, String name) {
}
