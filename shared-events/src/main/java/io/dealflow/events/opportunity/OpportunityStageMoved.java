package io.dealflow.events.opportunity;

import org.axonframework.serialization.Revision;

/**
 * An opportunity moved to another stage, possibly of another pipeline. Its status does not change.
 * <p>Revision 1: first shape.
 *
 * @param fromPipelineId pipeline before the move
 * @param fromStageId    stage before the move
 * @param toPipelineId   pipeline after the move; equals {@code fromPipelineId} unless it changed pipeline
 * @param toStageId      stage after the move
 */
@Revision("1")
public record OpportunityStageMoved(String opportunityId, String locationId, String fromPipelineId, String fromStageId,
                                    String toPipelineId, String toStageId) {
}
