package io.dealflow.query.pipeline;

/**
 * A stage of a pipeline.
 *
 * @param position       zero-based place on the board
 * @param winProbability 0 to 100
 */
public record StageView(String id, String name, int position, int winProbability) {
}
