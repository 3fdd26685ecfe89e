package io.dealflow.bulk.csv;

import io.dealflow.bulk.http.BulkRefusal;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.opportunity.MatchingOpportunities;
import io.dealflow.query.opportunity.MatchingOpportunities.Listed;
import io.dealflow.query.opportunity.OpportunityFilter;
import io.dealflow.query.opportunity.OpportunityView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The CSV export: every opportunity matching the search filters, written to the response as the database cursor
 * delivers it, so memory stays flat for any number of deals. Its columns are the import's plus {@code id},
 * {@code pipeline} and the timestamps, and it re-imports as it is.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/opportunities/export")
@Tag(name = "CSV import and export")
class ExportController {

    private static final int LOOKUP_BATCH = 500;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private final MatchingOpportunities matching;
    private final Imports imports;
    private final ConsistencyGate consistency;

    ExportController(MatchingOpportunities matching, Imports imports, ConsistencyGate consistency) {
        this.matching = matching;
        this.imports = imports;
        this.consistency = consistency;
    }

    @GetMapping
    @Operation(summary = "Every opportunity matching the filters of GET /opportunities, as CSV (no limit, streamed)",
            description = "Text cells starting with = + - @ (formulas to a spreadsheet) are written behind a single"
                    + " quote; the import takes it off again.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv",
                    schema = @Schema(type = "string"))))
    @Parameter(name = "pipelineId", in = ParameterIn.QUERY)
    @Parameter(name = "stageId", in = ParameterIn.QUERY)
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "open (default), won, lost, abandoned, or all")
    @Parameter(name = "assignedTo", in = ParameterIn.QUERY)
    @Parameter(name = "source", in = ParameterIn.QUERY)
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "Repeat for several (all must match)")
    @Parameter(name = "contactId", in = ParameterIn.QUERY)
    @Parameter(name = "q", in = ParameterIn.QUERY)
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY)
    @Parameter(name = "createdTo", in = ParameterIn.QUERY)
    @Parameter(name = "valueMin", in = ParameterIn.QUERY)
    @Parameter(name = "valueMax", in = ParameterIn.QUERY)
    void export(@PathVariable String locationId,
                @Parameter(description = "A command's consistency token: the export reflects at least that command")
                @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        for (String name : Collections.list(request.getParameterNames())) {
            if (!OpportunityFilter.reads(name)) {
                throw BulkRefusal.malformed(name, "the export has no parameter " + name);
            }
        }
        OpportunityFilter filter = OpportunityFilter.of(locationId, request.getParameterMap());
        String location = QueryParameters.location(locationId);
        consistency.await(consistencyToken, ReadModels.OPPORTUNITIES, ReadModels.PIPELINES);
        List<String> keys = matching.customFieldKeys(filter);
        List<String> header = new ArrayList<>(CsvColumns.IMPORTED);
        header.addAll(CsvColumns.EXPORT_ONLY);
        keys.forEach(key -> header.add(CsvColumns.CUSTOM_FIELD + key));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"opportunities.csv\"");
        CSVPrinter printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                StandardCharsets.UTF_8)), FORMAT);
        printer.printRecord(header);
        List<Listed> pending = new ArrayList<>(LOOKUP_BATCH);
        try {
            matching.forEach(filter, listed -> {
                pending.add(listed);
                if (pending.size() == LOOKUP_BATCH) {
                    write(printer, location, pending, keys);
                }
            });
            write(printer, location, pending, keys);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        printer.flush();
    }

    private void write(CSVPrinter printer, String location, List<Listed> rows, List<String> keys) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, String> externalIds = imports.externalIds(location,
                rows.stream().map(row -> row.opportunity().id()).toList());
        try {
            for (Listed row : rows) {
                printer.printRecord(cells(row, externalIds.get(row.opportunity().id()), keys));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows.clear();
    }

    private static List<String> cells(Listed row, String externalId, List<String> keys) {
        OpportunityView deal = row.opportunity();
        List<String> cells = new ArrayList<>();
        cells.add(deal.name());
        cells.add(row.stageName() == null ? deal.stageId() : row.stageName());
        cells.add(deal.status());
        cells.add(deal.monetaryValue().toPlainString());
        cells.add(deal.currency());
        cells.add(deal.contact() == null ? null : deal.contact().id());
        cells.add(deal.contact() == null ? null : deal.contact().name());
        cells.add(deal.contact() == null ? null : deal.contact().email());
        cells.add(deal.contact() == null ? null : deal.contact().phone());
        cells.add(deal.contact() == null ? null : deal.contact().companyName());
        cells.add(deal.source());
        cells.add(deal.assignedTo());
        cells.add(String.join(";", deal.tags()));
        cells.add(deal.lostReason());
        cells.add(externalId);
        cells.add(deal.id());
        cells.add(row.pipelineName());
        cells.add(time(deal.createdAt()));
        cells.add(time(deal.updatedAt()));
        cells.add(time(deal.lastStageChangeAt()));
        for (String key : keys) {
            cells.add(CustomFieldCells.text(deal.customFields().get(key)));
        }
        return cells.stream().map(SpreadsheetText::exported).toList();
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
