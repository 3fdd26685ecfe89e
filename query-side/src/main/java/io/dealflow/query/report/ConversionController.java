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
 * Conversion: the share of the deals created in a range that are won now.
 */
@RestController
@Tag(name = "Reports")
class ConversionController {

    private final ReportPipelines pipelines;
    private final CreatedTotals created;
    private final ConsistencyGate consistency;

    ConversionController(ReportPipelines pipelines, CreatedTotals created, ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.created = created;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/conversion")
    @Operation(summary = "Of the deals created in [from, to), how many are won now",
            description = "Deleted deals do not count; a deal counts in the pipeline it is in now."
                    + " See docs/reports.md.")
    ConversionReport conversion(@PathVariable String locationId,
                                @Parameter(description = ReportDocs.FROM) @RequestParam(required = false) String from,
                                @Parameter(description = ReportDocs.TO) @RequestParam(required = false) String to,
                                @Parameter(description = "Only deals now in this pipeline. " + ReportDocs.PIPELINE)
                                @RequestParam(required = false) String pipelineId,
                                @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, false);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        return created.conversion(location, range, pipeline);
    }
}
