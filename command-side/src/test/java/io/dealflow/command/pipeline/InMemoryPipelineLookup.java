package io.dealflow.command.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lookup's answers for fixture tests, set up by each test.
 */
class InMemoryPipelineLookup implements PipelineLookup {

    private final Set<String> pipelineNames = new HashSet<>();
    private final Map<String, List<String>> openByStage = new HashMap<>();
    private final Map<String, Long> openByPipeline = new HashMap<>();

    /** Another pipeline of the location uses this name. */
    InMemoryPipelineLookup pipelineNamed(String locationId, String name) {
        pipelineNames.add(locationId + "/" + name.toLowerCase(Locale.ROOT));
        return this;
    }

    /** The stage of the pipeline holds these open opportunities. */
    InMemoryPipelineLookup openIn(String pipelineId, String stageId, String... opportunityIds) {
        openByStage.computeIfAbsent(pipelineId + "/" + stageId, key -> new ArrayList<>())
                .addAll(List.of(opportunityIds));
        openByPipeline.merge(pipelineId, (long) opportunityIds.length, Long::sum);
        return this;
    }

    @Override
    public boolean pipelineNameTaken(String locationId, String name, String exceptPipelineId) {
        return pipelineNames.contains(locationId + "/" + name.toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> openOpportunitiesIn(String pipelineId, String stageId) {
        return openByStage.getOrDefault(pipelineId + "/" + stageId, List.of());
    }

    @Override
    public long openOpportunitiesIn(String pipelineId) {
        return openByPipeline.getOrDefault(pipelineId, 0L);
    }
}
