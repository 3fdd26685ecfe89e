package io.dealflow.query.audit;

import io.dealflow.query.asof.AsOf;
import io.dealflow.query.audit.verify.ExportChain;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * The audit feed of a location (its events in commit order, filtered, in cursor pages) and its export as hash-chained
 * NDJSON that {@code verify-export} checks offline.
 */
@RestController
@Tag(name = "History and audit")
class AuditController {

    /** The media type of an export. */
    static final String NDJSON = "application/x-ndjson";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int EXPORT_PAGE = 1000;

    private final AuditLog log;
    private final ConsistencyGate consistency;

    AuditController(AuditLog log, ConsistencyGate consistency) {
        this.log = log;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/audit/events")
    @Operation(summary = "The location's events in commit order",
            description = "Filters combine; from is included, to excluded. Pass nextCursor as cursor, with the same"
                    + " filters, for the next page; new events appear on later pages, never in earlier ones.")
    AuditPage events(@PathVariable String locationId,
                     @Parameter(description = "Events at or after this instant") @RequestParam(required = false)
                     String from,
                     @Parameter(description = "Events before this instant") @RequestParam(required = false) String to,
                     @Parameter(description = "An event type such as OpportunityStageMoved")
                     @RequestParam(required = false) String type,
                     @Parameter(description = "An actor (API key id)") @RequestParam(required = false) String actor,
                     @RequestParam(required = false) String aggregateId,
                     @RequestParam(required = false) String cursor,
                     @Parameter(description = "1 to 1000, default 100") @RequestParam(required = false) String limit,
                     @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken) {
        String location = QueryParameters.location(locationId);
        AuditFilter filter = filter(from, to, type, actor, aggregateId);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        long after = cursor == null || cursor.isBlank() ? 0
                : Cursor.decode(cursor, filter.fingerprint(location), 1).position(0);
        consistency.await(consistencyToken, ReadModels.HISTORY);

        List<AuditEvent> events = log.page(location, filter, after, pageSize + 1);
        String nextCursor = null;
        if (events.size() > pageSize) {
            events = events.subList(0, pageSize);
            nextCursor = Cursor.encode(filter.fingerprint(location),
                    List.of(Long.toString(events.get(pageSize - 1).globalIndex())));
        }
        return new AuditPage(events, nextCursor);
    }

    @GetMapping("/api/v1/locations/{locationId}/audit/export")
    @Operation(summary = "The location's events as hash-chained NDJSON, one event a line in commit order",
            description = "Each line is the event's canonical JSON plus chainHash = hex SHA-256(previous line's"
                    + " chainHash + this line's canonical JSON without chainHash); the first line chains from 64"
                    + " zeros. Check a file with: java -jar dealflow-standalone.jar verify-export FILE.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = NDJSON,
                    schema = @Schema(type = "string"))))
    void export(@PathVariable String locationId,
                @Parameter(description = "Events at or after this instant") @RequestParam(required = false)
                String from,
                @Parameter(description = "Events before this instant") @RequestParam(required = false) String to,
                @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken,
                HttpServletResponse response) throws IOException {
        String location = QueryParameters.location(locationId);
        AuditFilter filter = filter(from, to, null, null, null);
        consistency.await(consistencyToken, ReadModels.HISTORY);

        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        ExportChain chain = new ExportChain();
        OutputStream out = response.getOutputStream();
        long after = 0;
        List<AuditEvent> page;
        do {
            page = log.page(location, filter, after, EXPORT_PAGE);
            for (AuditEvent event : page) {
                out.write(chain.line(event.toJson()));
                out.write('\n');
                after = event.globalIndex();
            }
        } while (page.size() == EXPORT_PAGE);
        out.flush();
    }

    private static AuditFilter filter(String from, String to, String type, String actor, String aggregateId) {
        Instant start = AsOf.instant("from", from);
        Instant end = AsOf.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new BadParameter("to", "must be after from");
        }
        return new AuditFilter(start, end, QueryParameters.text("type", type), QueryParameters.text("actor", actor),
                QueryParameters.text("aggregateId", aggregateId));
    }

    /** A page of the audit feed. */
    record AuditPage(List<AuditEvent> items,
                     @Schema(description = "Pass as cursor for the next page; null on the last", nullable = true)
                     String nextCursor) {
    }
}
