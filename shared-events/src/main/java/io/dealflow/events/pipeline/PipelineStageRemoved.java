package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * A stage was removed from a pipeline; the stages after it move one place up. Its open opportunities are moved by
 * {@code OpportunityStageMoved} events caused by this removal.
 * <p>Revision 1: first shape.
 *
 * @param movedOpenTo stage that received the open opportunities; null when it held none
 */
@Revision("1")
public record PipelineStageRemoved(String pipelineId, String locationId, String stageId, String movedOpenTo) {
}
