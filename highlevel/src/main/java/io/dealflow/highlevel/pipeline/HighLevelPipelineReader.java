package io.dealflow.highlevel.pipeline;

import io.dealflow.highlevel.http.Timestamps;
import io.dealflow.query.pipeline.PipelineReader;
import io.dealflow.query.pipeline.PipelineView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * Pipelines in HighLevel's shape, read through the query side's {@link PipelineReader}.
 */
@Component
class HighLevelPipelineReader {

    private final PipelineReader pipelines;

    HighLevelPipelineReader(PipelineReader pipelines) {
        this.pipelines = pipelines;
    }

    /** The live pipelines of a location, oldest first. */
    List<HighLevelPipeline> list(String locationId) {
        return pipelines.findAll(locationId).stream().map(HighLevelPipelineReader::pipeline).toList();
    }

    /** The pipeline of that id unless it is deleted, whatever its location. */
    Optional<HighLevelPipeline> find(String pipelineId) {
        return pipelines.find(pipelineId).map(HighLevelPipelineReader::pipeline);
    }

    private static HighLevelPipeline pipeline(PipelineView pipeline) {
        List<HighLevelPipeline.HighLevelStage> stages = pipeline.stages().stream()
                .map(stage -> new HighLevelPipeline.HighLevelStage(stage.id(), stage.name(), stage.position(), true,
                        true, stage.winProbability()))
                .toList();
        return new HighLevelPipeline(pipeline.id(), pipeline.name(), pipeline.locationId(), true, true,
                Timestamps.format(pipeline.createdAt()), Timestamps.format(pipeline.updatedAt()), stages);
    }
}
