package io.dealflow.query.axon;

import java.util.List;

/**
 * Names of the projections, which are also the names of their processing groups and processors.
 */
public final class ReadModels {

    /** Pipelines and their ordered stages. */
    public static final String PIPELINES = "pipelines";
    /** Board cards and per-stage totals. */
    public static final String BOARD = "board";
    /** Opportunity detail and search. */
    public static final String OPPORTUNITIES = "opportunities";
    /** Lost reasons of a location. */
    public static final String LOST_REASONS = "lost-reasons";
    /** Report rows and day aggregates: win rate, conversion, funnel, forecast, stage durations, velocity. */
    public static final String REPORTS = "reports";
    /** The audit index of every event, and pipelines, stages, cards and tasks over time (history, as-of, audit). */
    public static final String HISTORY = "history";

    /** Notes and tasks of each deal, and the tasks of a location. */
    public static final String WORKSPACE = "workspace";

    /** Every projection of this side. */
    public static final List<String> ALL = List.of(PIPELINES, BOARD, OPPORTUNITIES, LOST_REASONS, REPORTS, HISTORY,
            WORKSPACE);

    private ReadModels() {
    }
}
