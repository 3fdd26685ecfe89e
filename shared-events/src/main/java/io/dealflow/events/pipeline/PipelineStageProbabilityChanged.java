package io.dealflow.events.pipeline;

import org.axonframework.serialization.Revision;

/**
 * The win probability of a stage changed; forecasts weight its open deals by the new value from now on.
 * <p>Revision 1: first shape.
 *
 * @param winProbability 0 to 100
 */
@Revision("1")
public record PipelineStageProbabilityChanged(String pipelineId, String locationId, String stageId,
                                              int winProbability) {
}
