package io.dealflow.query.report;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The funnel of a pipeline: of the deals created in a range, how many reached each stage or a later one.
 */
@RestController
@Tag(name = "Reports")
class FunnelController {

    private final ReportPipelines pipelines;
    private final CreatedTotals created;
    private final ConsistencyGate consistency;

    FunnelController(ReportPipelines pipelines, CreatedTotals created, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.created = created;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/funnel")
    @Operation(summary = "Per stage, the deals created in [from, to) that reached it or a later stage",
            description = "Counts the not deleted deals now in the pipeline; a deal reached a stage when it was ever in"
                    + " that stage or a later one of this pipeline, in the current stage order, open or closed."
                    + " See docs/reports.md.")
    FunnelReport funnel(@PathVariable String locationId,
                        @Parameter(description = "Required. " + ReportDocs.PIPELINE)
                        @RequestParam(required = false) String pipelineId,
                        @Parameter(description = ReportDocs.FROM) @RequestParam(required = false) String from,
                        @Parameter(description = ReportDocs.TO) @RequestParam(required = false) String to,
                        @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, true);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        return created.funnel(location, range, pipeline);
    }
}
