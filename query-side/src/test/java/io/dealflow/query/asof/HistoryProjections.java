package io.dealflow.query.asof;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The version-keeping handlers of the history processor, built on {@code jdbc}, in the order the processor runs them:
 * for tests of other features that read the versions (the board as of an instant).
 */
public final class HistoryProjections {

    private HistoryProjections() {
    }

    /** Pipelines and stages, cards and tasks over time. */
    public static Object[] on(JdbcTemplate jdbc) {
        return new Object[]{new AsOfPipelineProjection(jdbc), new AsOfProjection(jdbc), new AsOfTaskProjection(jdbc)};
    }
}
