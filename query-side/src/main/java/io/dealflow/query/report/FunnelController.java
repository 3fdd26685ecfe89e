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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

        Map<String, Long> byFurthest = new HashMap<>();
        long won = 0;
        for (CreatedTotals.Row row : created.sum(location, range, pipeline.id())) {
            byFurthest.merge(row.furthestStageId(), row.deals(), Long::sum);
            won += row.won() ? row.deals() : 0;
        }
        List<ReportPipelines.Stage> stages = pipeline.stages();
        long[] reached = new long[stages.size()];
        long laterOnes = 0;
        for (int i = stages.size() - 1; i >= 0; i--) {
            laterOnes += byFurthest.getOrDefault(stages.get(i).id(), 0L);
            reached[i] = laterOnes;
        }
        List<FunnelReport.Step> steps = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            ReportPipelines.Stage stage = stages.get(i);
            steps.add(new FunnelReport.Step(stage.id(), stage.name(), stage.position(), reached[i],
                    i + 1 < stages.size() ? Ratios.of(reached[i + 1], reached[i]) : null));
        }
        return new FunnelReport(steps, won);
    }
}
