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
 * Sales velocity: open deals × average won value × win rate ÷ average sales cycle, per day.
 */
@RestController
@Tag(name = "Reports")
class VelocityController {

    private final ReportPipelines pipelines;
    private final CloseTotals closes;
    private final OpenTotals open;
    private final ConsistencyGate consistency;

    VelocityController(ReportPipelines pipelines, CloseTotals closes, OpenTotals open, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.closes = closes;
        this.open = open;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/velocity")
    @Operation(summary = "openCount × avgWonValue × winRate ÷ avgCycleDays",
            description = "openCount is the open deals now; avgWonValue, winRate and avgCycleDays come from the deals"
                    + " whose latest close lies in [from, to), the cycle being creation to that close of the won ones."
                    + " See docs/reports.md.")
    VelocityReport velocity(@PathVariable String locationId,
                            @Parameter(description = "Only deals now in this pipeline. " + ReportDocs.PIPELINE)
                            @RequestParam(required = false) String pipelineId,
                            @Parameter(description = ReportDocs.FROM) @RequestParam(required = false) String from,
                            @Parameter(description = ReportDocs.TO) @RequestParam(required = false) String to,
                            @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, false);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        String scope = pipeline == null ? null : pipeline.id();
        return closes.velocity(location, range, scope, open.count(location, scope));
    }
}
