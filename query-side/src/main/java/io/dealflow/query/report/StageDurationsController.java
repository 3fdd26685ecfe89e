package io.dealflow.query.report;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Time in stage: per stage of a pipeline, the lengths of the visits that ended in a range, and the open deals stuck in
 * the stage for longer than its 90th percentile.
 */
@RestController
@Tag(name = "Reports")
class StageDurationsController {

    private final ReportPipelines pipelines;
    private final StageVisits visits;
    private final ConsistencyGate consistency;
    private final Clock clock;

    /** "Now" comes from a {@link Clock} bean when the application has one (tests pin it), else the system clock. */
    StageDurationsController(ReportPipelines pipelines, StageVisits visits, ConsistencyGate consistency,
                             ObjectProvider<Clock> clock) {
        this.pipelines = pipelines;
        this.visits = visits;
        this.consistency = consistency;
        this.clock = clock.getIfUnique(Clock::systemUTC);
    }

    @GetMapping("/api/v1/locations/{locationId}/reports/stage-durations")
    @Operation(summary = "Per stage: samples, avgSeconds, medianSeconds and p90Seconds of the visits ended in"
            + " [from, to), and openOverdue",
            description = "Every current stage of the pipeline, in order. Visits of deleted deals do not count."
                    + " openOverdue compares with the time of the query. See docs/reports.md.")
    StageDurationsReport stageDurations(@PathVariable String locationId,
                                        @Parameter(description = "Required. " + ReportDocs.PIPELINE)
                                        @RequestParam(required = false) String pipelineId,
                                        @Parameter(description = ReportDocs.FROM)
                                        @RequestParam(required = false) String from,
                                        @Parameter(description = ReportDocs.TO)
                                        @RequestParam(required = false) String to,
                                        @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                        String consistencyToken) {
        String location = QueryParameters.location(locationId);
        ReportRange range = ReportRange.parse(from, to);
        String pipelineParameter = ReportPipelines.parameter(pipelineId, true);
        consistency.await(consistencyToken, ReadModels.REPORTS);
        ReportPipelines.Pipeline pipeline = pipelines.find(location, pipelineParameter);
        return visits.report(pipeline, range, clock.instant());
    }
}
