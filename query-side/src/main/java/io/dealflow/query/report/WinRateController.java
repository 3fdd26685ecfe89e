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
 * The win rate: deals whose latest close falls in a range, by status, optionally grouped.
 */
@RestController
@Tag(name = "Reports")
class WinRateController {

    private final ReportPipelines pipelines;
    private final CloseTotals closes;
    private final ConsistencyGate consistency;

    WinRateController(ReportPipelines pipelines, CloseTotals closes, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.closes = closes;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/win-rate")
    @Operation(summary = "Won, lost and abandoned deals closed in [from, to) with their values and win rate",
            description = "A deal counts once, by its latest close (won, lost or abandoned), when that close lies in"
                    + " [from, to); a reopened deal that is open now counts nowhere. Deleted deals do not count."
                    + " Values, owner, source and pipeline are the deals' current ones. groupBy=none answers one"
                    + " group; the other groupings answer only groups with closed deals, ordered by key (no owner or"
                    + " source last). See docs/reports.md.")
    WinRateReport winRate(@PathVariable String locationId,
                          @Parameter(description = ReportDocs.FROM) @RequestParam(required = false) String from,
                          @Parameter(description = ReportDocs.TO) @RequestParam(required = false) String to,
                          @Parameter(description = "Only deals now in this pipeline")
                          @RequestParam(required = false) String pipelineId,
                          @Parameter(description = "none (default), owner, pipeline, source or month")
                          @RequestParam(required = false) String groupBy,
                          @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        GroupBy grouping = GroupBy.parse(groupBy);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, false);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        return closes.winRate(location, range, pipeline, grouping);
    }
}
