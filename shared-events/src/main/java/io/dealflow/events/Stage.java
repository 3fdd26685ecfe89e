package io.dealflow.events;

/**
 * A stage of a pipeline as it was created.
 *
 * @param position       zero-based place of the stage in its pipeline
 * @param winProbability chance, 0 to 100, that a deal in this stage is won; weights the forecast
 */
public record Stage(String id, String name, int position, int winProbability) {
}
