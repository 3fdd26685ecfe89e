package io.dealflow.events.pipeline;

import io.dealflow.events.ReadOnly;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The stages of a pipeline were put in a new order.
 * <p>Revision 1: first shape.
 *
 * @param stageIds every stage id of the pipeline, in the new board order
 */
@Revision("1")
public record PipelineStagesReordered(String pipelineId, String locationId, List<String> stageIds) {

    /** Read-only: one deserialized event is shared by all its readers. */
    public PipelineStagesReordered {
        stageIds = ReadOnly.list(stageIds);
    }
}
