package io.dealflow.query.opportunity;

import io.dealflow.query.asof.AsOf;
import io.dealflow.query.asof.AsOfOpportunities;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.time.Instant;
import java.util.List;

/**
 * Opportunity detail and search.
 */
@RestController("queryOpportunityController")
@RequestMapping("/api/v1/locations/{locationId}/opportunities")
@Tag(name = "Opportunities (queries)")
class OpportunityController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 500;

    private final OpportunityRepository opportunities;
    private final SearchTotals totals;
    private final AsOfOpportunities history;
    private final ConsistencyGate consistency;

    OpportunityController(OpportunityRepository opportunities, SearchTotals totals, AsOfOpportunities history,
                          ConsistencyGate consistency) {
        this.opportunities = opportunities;
        this.totals = totals;
        this.history = history;
        this.consistency = consistency;
    }

    @GetMapping
    @Operation(summary = "Search the location's opportunities",
            description = "Keyset pages: pass nextCursor as cursor, with the same filters and sort, for the next page;"
                    + " items never repeat or go missing between pages unless their sort key changes meanwhile."
                    + " total counts every match.")
    @Parameter(name = "tag", in = ParameterIn.QUERY,
            description = "A tag the deals must carry; repeat the parameter for several (all must match)")
    SearchPage search(@PathVariable String locationId,
                      @RequestParam(required = false) String pipelineId,
                      @RequestParam(required = false) String stageId,
                      @Parameter(description = "open (default), won, lost, abandoned, or all")
                      @RequestParam(required = false) String status,
                      @RequestParam(required = false) String assignedTo,
                      @RequestParam(required = false) String source,
                      @RequestParam(required = false) String contactId,
                      @Parameter(description = "Text in the name or the contact's name, email or company; any case")
                      @RequestParam(required = false) String q,
                      @Parameter(description = "Created at or after this instant")
                      @RequestParam(required = false) String createdFrom,
                      @Parameter(description = "Created before this instant")
                      @RequestParam(required = false) String createdTo,
                      @RequestParam(required = false) String valueMin,
                      @RequestParam(required = false) String valueMax,
                      @Parameter(description = "createdAt (default, newest first), updatedAt, monetaryValue,"
                              + " lastStageChangeAt or name; prefix - or suffix :desc for descending, :asc ascending")
                      @RequestParam(required = false) String sort,
                      @Parameter(description = "1 to 500, default 20")
                      @RequestParam(required = false) String limit,
                      @RequestParam(required = false) String cursor,
                      @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken,
                      WebRequest request) {
        SearchCriteria criteria = OpportunityFilter.of(locationId, request::getParameterValues).criteria();
        SearchSort order = SearchSort.parse(sort);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        List<Object> after = null;
        if (cursor != null && !cursor.isBlank()) {
            after = keyset(order, Cursor.decode(cursor, criteria.fingerprint(order), 2));
        }
        consistency.await(consistencyToken, ReadModels.OPPORTUNITIES);

        List<OpportunityRepository.Match> matches = opportunities.search(criteria, order, after, pageSize + 1);
        String nextCursor = null;
        if (matches.size() > pageSize) {
            matches = matches.subList(0, pageSize);
            nextCursor = Cursor.encode(criteria.fingerprint(order), cursorKeys(order, matches.get(pageSize - 1)));
        }
        List<OpportunityView> items = matches.stream().map(OpportunityRepository.Match::view).toList();
        // A first page that holds every match already is the count.
        long total = after == null && nextCursor == null ? items.size() : totals.count(criteria);
        return new SearchPage(items, nextCursor, total);
    }

    @GetMapping("/{opportunityId}")
    @Operation(summary = "One opportunity; ETag is its version. 404 when unknown, deleted or of another location",
            description = "With asOf: the opportunity as it stood at that instant, from its events; 404 when it did"
                    + " not exist yet or was deleted at that instant.")
    ResponseEntity<OpportunityView> show(@PathVariable String locationId, @PathVariable String opportunityId,
                                         @Parameter(description = "An ISO-8601 instant, or a date for 00:00 UTC")
                                         @RequestParam(required = false) String asOf,
                                         @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                         String consistencyToken,
                                         WebRequest request) {
        String location = QueryParameters.location(locationId);
        Instant when = AsOf.parse(asOf);
        if (when != null) {
            // The past comes straight from the event store, where a command's events are as soon as it answers.
            consistency.await(consistencyToken);
            return ResponseEntity.ok(history.find(location, opportunityId, when)
                    .orElseThrow(() -> new ResourceNotFound("opportunity", opportunityId)));
        }
        consistency.await(consistencyToken, ReadModels.OPPORTUNITIES);
        OpportunityView opportunity = opportunities.find(location, opportunityId)
                .orElseThrow(() -> new ResourceNotFound("opportunity", opportunityId));
        String etag = "\"" + opportunity.version() + "\"";
        if (request.checkNotModified(etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(opportunity);
    }

    private static List<String> cursorKeys(SearchSort sort, OpportunityRepository.Match last) {
        OpportunityView view = last.view();
        String value = switch (sort.key()) {
            case CREATED_AT -> view.createdAt().toString();
            case UPDATED_AT -> view.updatedAt().toString();
            case MONETARY_VALUE -> view.monetaryValue().toPlainString();
            case LAST_STAGE_CHANGE_AT -> view.lastStageChangeAt().toString();
            case NAME -> last.nameKey();
        };
        return List.of(value, view.id());
    }

    private static List<Object> keyset(SearchSort sort, Cursor.Keys keys) {
        Object value = switch (sort.key()) {
            case CREATED_AT, UPDATED_AT, LAST_STAGE_CHANGE_AT -> keys.timestamp(0);
            case MONETARY_VALUE -> keys.decimal(0);
            case NAME -> keys.text(0);
        };
        return List.of(value, keys.text(1));
    }

    /** A page of search results. */
    record SearchPage(List<OpportunityView> items, String nextCursor, long total) {
    }
}
