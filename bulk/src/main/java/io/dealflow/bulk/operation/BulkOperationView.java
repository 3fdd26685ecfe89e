package io.dealflow.bulk.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A bulk operation and its progress.
 *
 * @param status     {@code running}, {@code completed}, {@code cancelled} or {@code failed}
 * @param total      deals the operation covers (its ids, or what its filter matched when it started)
 * @param succeeded  deals it changed
 * @param unchanged  deals that already were as asked (the command emitted nothing)
 * @param failed     deals whose command was refused; the first 100 are in {@code failures}
 * @param undoOf     for an undo, the operation it puts back
 * @param problem    why a {@code failed} operation could not go on; null otherwise
 * @param failures   the first 100 refused deals in item order (left out of lists)
 */
record BulkOperationView(String id, String action, String status, int total, int succeeded, int unchanged,
                         int failed, Instant createdAt, Instant finishedAt, String undoOf,
                         @Schema(description = "Why a failed operation could not go on; null unless failed",
                                 nullable = true)
                         String problem,
                         @JsonInclude(JsonInclude.Include.NON_NULL)
                         @Schema(description = "The first 100 refused deals; left out of lists")
                         List<Failure> failures) {

    BulkOperationView withFailures(List<Failure> list) {
        return new BulkOperationView(id, action, status, total, succeeded, unchanged, failed, createdAt, finishedAt,
                undoOf, problem, list);
    }

    /**
     * A deal the operation could not change, with the problem its command got.
     *
     * @param status the HTTP status the command would have answered (404, 409, 412, 422)
     * @param title  why, e.g. {@code changed since} for an undo of a deal changed meanwhile
     */
    record Failure(String opportunityId, int status, String title) {
    }

    /** A page of operations, newest first. */
    record Page(List<BulkOperationView> items,
                @Schema(description = "Pass as cursor for the next page; null on the last", nullable = true)
                String nextCursor) {
    }
}
