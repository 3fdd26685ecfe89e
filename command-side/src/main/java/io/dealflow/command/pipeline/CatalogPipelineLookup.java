package io.dealflow.command.pipeline;

import io.dealflow.command.lookup.PipelineCatalog;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Answers the pipeline rules' questions from the command-side lookup tables.
 */
@Component
class CatalogPipelineLookup implements PipelineLookup {

    private final PipelineCatalog catalog;

    CatalogPipelineLookup(PipelineCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean pipelineNameTaken(String locationId, String name, String exceptPipelineId) {
        return catalog.pipelineNameTaken(locationId, name, exceptPipelineId);
    }

    @Override
    public List<String> openOpportunitiesIn(String pipelineId, String stageId) {
        return catalog.openOpportunitiesIn(pipelineId, stageId);
    }

    @Override
    public long openOpportunitiesIn(String pipelineId) {
        return catalog.openOpportunitiesIn(pipelineId);
    }
}
