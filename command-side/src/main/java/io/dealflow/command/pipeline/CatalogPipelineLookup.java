package io.dealflow.command.pipeline;

import io.dealflow.command.lookup.OpportunityCatalog;
import io.dealflow.command.lookup.PipelineCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Answers the pipeline rules' questions from the command-side lookup tables.
 */
@Component
class CatalogPipelineLookup implements PipelineLookup {

    private final PipelineCatalog pipelines;
    private final OpportunityCatalog opportunities;

    CatalogPipelineLookup(PipelineCatalog pipelines, OpportunityCatalog opportunities) {
        this.pipelines = pipelines;
        this.opportunities = opportunities;
    }

    @Override
    public boolean pipelineNameTaken(String locationId, String name, String exceptPipelineId) {
        return pipelines.pipelineNameTaken(locationId, name, exceptPipelineId);
    }

    @Override
    public List<String> openOpportunitiesIn(String pipelineId, String stageId) {
        return opportunities.openOpportunitiesIn(pipelineId, stageId);
    }

    @Override
    public long openOpportunitiesIn(String pipelineId) {
        return opportunities.openOpportunitiesIn(pipelineId);
    }
}
