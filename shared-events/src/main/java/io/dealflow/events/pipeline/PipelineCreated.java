package io.dealflow.events.pipeline;

import io.dealflow.events.Stage;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A pipeline was created with its first stages.
 * <p>Revision 1: first shape.
 *
 * @param stages the stages in board order, positions 0..n-1
 */
@Revision("1")
public record PipelineCreated(String pipelineId, String locationId, String name, List<Stage> stages) {
}
