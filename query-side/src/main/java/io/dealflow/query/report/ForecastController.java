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
 * The forecast of a pipeline: its open deals per stage, at face value and weighted by the stage's win probability now.
 */
@RestController
@Tag(name = "Reports")
class ForecastController {

    private final ReportPipelines pipelines;
    private final OpenTotals open;
    private final ConsistencyGate consistency;

    ForecastController(ReportPipelines pipelines, OpenTotals open, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.open = open;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/forecast")
    @Operation(summary = "Open deals per stage with count, openValue and weightedValue, and the pipeline's totals",
            description = "weightedValue = Σ value × winProbability / 100 with the stage's probability now, so a"
                    + " probability change shows at once. Deleted deals do not count. See docs/reports.md.")
    ForecastReport forecast(@PathVariable String locationId,
                            @Parameter(description = "Required. " + ReportDocs.PIPELINE)
                            @RequestParam(required = false) String pipelineId,
                            @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, true);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        return open.forecast(pipeline);
    }
}
