package io.dealflow.highlevel.pipeline;

import java.util.List;

/**
 * A pipeline as HighLevel shows it. dealflow keeps no funnel or pie chart flags: they always read {@code true}.
 */
record HighLevelPipeline(String id, String name, String locationId, boolean showInFunnel, boolean showInPieChart,
                         String dateAdded, String dateUpdated, List<HighLevelStage> stages) {

    /** A stage; {@code stageWinProbability} is dealflow's win probability, 0 to 100. */
    record HighLevelStage(String id, String name, int position, boolean showInFunnel, boolean showInPieChart,
                          int stageWinProbability) {
    }
}
