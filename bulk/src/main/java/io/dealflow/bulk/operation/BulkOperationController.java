package io.dealflow.bulk.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.bulk.Worker;
import io.dealflow.bulk.http.BulkRefusal;
import io.dealflow.command.http.RequestMetadata;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.opportunity.MatchingOpportunities;
import io.dealflow.query.opportunity.OpportunityFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk operations over HTTP: start one (202, it runs in the background), read its progress, list, cancel, undo.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/bulk-operations")
@Tag(name = "Bulk operations")
class BulkOperationController {

    static final int MAX_DEALS = 10_000;
    private static final int MAX_FAILURES = 100;
    private static final int MAX_ID = 255;

    private final BulkOperations operations;
    private final MatchingOpportunities matching;
    private final TransactionTemplate transaction;
    private final Worker worker;
    private final ConsistencyGate consistency;

    BulkOperationController(BulkOperations operations, MatchingOpportunities matching,
                            TransactionTemplate transaction, Worker worker, ConsistencyGate consistency) {
        this.consistency = consistency;
        this.operations = operations;
        this.matching = matching;
        this.transaction = transaction;
        this.worker = worker;
    }

    @PostMapping
    @Operation(summary = "Start a bulk operation; 202, it runs in the background",
            description = "Each deal gets the action's ordinary command (same rules and events, which carry metadata"
                    + " bulkOperationId); a refused one is a failure and the others go on. Give ids or filter, not"
                    + " both. 400 for an unknown action, unknown or mistyped params, both or neither of ids and filter;"
                    + " 422 for more than 10,000 deals or a missing required param.")
    ResponseEntity<BulkOperationView> start(@PathVariable String locationId,
                                            @RequestBody StartBulkOperationRequest request,
                                            @Parameter(description = "A command's consistency token: the filter"
                                                    + " sees at least that command")
                                            @RequestHeader(name = ConsistencyGate.HEADER, required = false)
                                            String consistencyToken,
                                            HttpServletRequest http) {
        String location = QueryParameters.location(locationId);
        if (request.action() == null) {
            throw BulkRefusal.malformed("action", "action is required");
        }
        BulkAction action = BulkAction.named(request.action());
        ObjectNode params = request.params() == null ? JsonNodeFactory.instance.objectNode() : request.params();
        action.validate(params);
        if (request.filter() != null) {
            consistency.await(consistencyToken, ReadModels.OPPORTUNITIES);
        }
        List<String> ids = deals(location, request);
        String operationId = UUID.randomUUID().toString();
        Map<String, String> metadata = new HashMap<>();
        RequestMetadata.of(http).forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        transaction.executeWithoutResult(status ->
                operations.insert(operationId, location, action, params, null, metadata, ids, null));
        worker.nudge();
        return accepted(location, operationId);
    }

    @GetMapping("/{operationId}")
    @Operation(summary = "An operation's progress, with its first 100 failures",
            description = "status running, completed, cancelled or failed; a failed operation (a deal meeting an"
                    + " unexpected error again and again) says why in problem; the deals after it were left alone.")
    BulkOperationView show(@PathVariable String locationId, @PathVariable String operationId) {
        String location = QueryParameters.location(locationId);
        return withFailures(location, operationId);
    }

    @GetMapping
    @Operation(summary = "The location's operations, newest first; pass nextCursor as cursor for the next page")
    BulkOperationView.Page list(@PathVariable String locationId, @RequestParam(required = false) String cursor,
                                @RequestParam(required = false) String limit) {
        String location = QueryParameters.location(locationId);
        int pageSize = QueryParameters.limit(limit, 20, 100);
        String fingerprint = Cursor.fingerprint("bulk-operations", location);
        Long before = cursor == null || cursor.isBlank() ? null
                : Cursor.decode(cursor, fingerprint, 1).position(0);
        List<BulkOperations.Listed> page = operations.newestFirst(location, before, pageSize + 1);
        String next = null;
        if (page.size() > pageSize) {
            page = page.subList(0, pageSize);
            next = Cursor.encode(fingerprint, List.of(Long.toString(page.get(pageSize - 1).seq())));
        }
        return new BulkOperationView.Page(page.stream().map(BulkOperations.Listed::view).toList(), next);
    }

    @PostMapping("/{operationId}/cancel")
    @Operation(summary = "Stop a running operation between two deals; 202. Deals not yet done are left alone",
            description = "409 when the operation is not running any more.")
    ResponseEntity<BulkOperationView> cancel(@PathVariable String locationId, @PathVariable String operationId) {
        String location = QueryParameters.location(locationId);
        found(location, operationId);
        if (!operations.requestCancel(operationId)) {
            throw new BulkRefusal(HttpStatus.CONFLICT, "not-running", null,
                    "bulk operation " + operationId + " is not running");
        }
        worker.nudge();
        return ResponseEntity.accepted().body(withFailures(location, operationId));
    }

    @PostMapping("/{operationId}/undo")
    @Operation(summary = "Put back every deal the operation changed, as it stood just before; 202, a new operation",
            description = "A deal changed since by anything else is left alone and listed as a failure titled"
                    + " 'changed since'. 409 while the operation runs, or when it was undone already.")
    ResponseEntity<BulkOperationView> undo(@PathVariable String locationId, @PathVariable String operationId,
                                           HttpServletRequest http) {
        String location = QueryParameters.location(locationId);
        BulkOperationView original = found(location, operationId);
        if (BulkOperations.RUNNING.equals(original.status())) {
            throw new BulkRefusal(HttpStatus.CONFLICT, "still-running", null,
                    "bulk operation " + operationId + " is still running; cancel it or wait before undoing it");
        }
        operations.undoOf(operationId).ifPresent(undo -> {
            throw new BulkRefusal(HttpStatus.CONFLICT, "already-undone", null,
                    "bulk operation " + operationId + " was undone already by " + undo);
        });
        List<BulkOperations.Changed> changed = operations.changed(operationId);
        String undoId = UUID.randomUUID().toString();
        Map<String, String> metadata = new HashMap<>();
        RequestMetadata.of(http).forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        try {
            transaction.executeWithoutResult(status -> operations.insert(undoId, location, BulkAction.UNDO,
                    JsonNodeFactory.instance.objectNode(), operationId, metadata,
                    changed.stream().map(BulkOperations.Changed::opportunityId).toList(),
                    changed.stream().map(BulkOperations.Changed::position).toList()));
        } catch (DuplicateKeyException e) {
            throw new BulkRefusal(HttpStatus.CONFLICT, "already-undone", null,
                    "bulk operation " + operationId + " was undone already");
        }
        worker.nudge();
        return accepted(location, undoId);
    }

    private List<String> deals(String location, StartBulkOperationRequest request) {
        if ((request.ids() == null) == (request.filter() == null)) {
            throw BulkRefusal.malformed("ids",
                    "give either ids or filter, not both and not neither");
        }
        if (request.ids() != null) {
            if (request.ids().isEmpty()) {
                throw BulkRefusal.invalid("ids", "ids must not be empty");
            }
            if (request.ids().size() > MAX_DEALS) {
                throw BulkRefusal.invalid("ids", "at most " + MAX_DEALS + " ids per operation");
            }
            Set<String> unique = new LinkedHashSet<>();
            for (String id : request.ids()) {
                if (id == null || id.isBlank() || id.length() > MAX_ID) {
                    throw BulkRefusal.malformed("ids", "ids must be non-blank strings of at most " + MAX_ID
                            + " characters");
                }
                unique.add(id);
            }
            return new ArrayList<>(unique);
        }
        OpportunityFilter filter = OpportunityFilter.of(location, parameters(request.filter()));
        List<String> ids = matching.ids(filter, MAX_DEALS + 1);
        if (ids.size() > MAX_DEALS) {
            throw BulkRefusal.invalid("filter", "the filter matches more than " + MAX_DEALS
                    + " deals; narrow it or split the operation");
        }
        return ids;
    }

    /** The filter object as query parameters: scalars as text, a list (tag) as repeated values. */
    private static Map<String, String[]> parameters(ObjectNode filter) {
        Map<String, String[]> parameters = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = filter.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (!OpportunityFilter.reads(name)) {
                throw BulkRefusal.malformed("filter." + name, "filter has no parameter " + name);
            }
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isArray() && name.equals("tag")) {
                List<String> values = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isTextual()) {
                        throw BulkRefusal.malformed("filter.tag", "tag must be a string or a list of strings");
                    }
                    values.add(item.asText());
                }
                parameters.put(name, values.toArray(String[]::new));
            } else if (value.isValueNode()) {
                parameters.put(name, new String[]{value.asText()});
            } else {
                throw BulkRefusal.malformed("filter." + name, name + " must be a string or a number");
            }
        }
        return parameters;
    }

    private BulkOperationView found(String location, String operationId) {
        return operations.find(location, operationId).orElseThrow(() -> new BulkRefusal(HttpStatus.NOT_FOUND,
                "bulk-operation-not-found", null, "bulk operation " + operationId + " does not exist"));
    }

    private BulkOperationView withFailures(String location, String operationId) {
        return found(location, operationId).withFailures(operations.failures(operationId, MAX_FAILURES));
    }

    private ResponseEntity<BulkOperationView> accepted(String location, String operationId) {
        URI uri = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/locations/{locationId}/bulk-operations/{id}").buildAndExpand(location, operationId)
                .toUri();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(uri).body(withFailures(location, operationId));
    }
}
