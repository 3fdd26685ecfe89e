package io.dealflow.query.pipeline;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Lists a location's pipelines and shows one, stages in board order.
 */
@RestController("queryPipelineController")
@RequestMapping("/api/v1/locations/{locationId}/pipelines")
@Tag(name = "Pipelines (queries)")
class PipelineController {

    private final PipelineReader pipelines;
    private final ConsistencyGate consistency;

    PipelineController(PipelineReader pipelines, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.consistency = consistency;
    }

    @GetMapping
    @Operation(summary = "The location's pipelines, oldest first, each with its stages in board order")
    PipelineList list(@PathVariable String locationId,
                      @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        consistency.await(consistencyToken, ReadModels.PIPELINES);
        return new PipelineList(pipelines.findAll(location));
    }

    @GetMapping("/{pipelineId}")
    @Operation(summary = "One pipeline with its stages in board order; ETag is its version")
    ResponseEntity<PipelineView> show(@PathVariable String locationId, @PathVariable String pipelineId,
                                      @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                      String consistencyToken) {
        String location = QueryParameters.location(locationId);
        consistency.await(consistencyToken, ReadModels.PIPELINES);
        PipelineView pipeline = pipelines.find(location, pipelineId)
                .orElseThrow(() -> new ResourceNotFound("pipeline", pipelineId));
        return ResponseEntity.ok().eTag("\"" + pipeline.version() + "\"").body(pipeline);
    }

    /** The answer of the pipeline list. */
    record PipelineList(List<PipelineView> items) {
    }
}
