package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * A pipeline was deleted. It held no open opportunities at the time.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record PipelineDeleted(String pipelineId, String locationId) {
}
