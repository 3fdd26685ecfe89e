package io.dealflow.bulk.csv;

import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A CSV import and its progress.
 *
 * @param status    {@code running}, {@code completed} or {@code failed}
 * @param rows      data rows in the file (the header is not counted)
 * @param created   rows that created a deal (in a dry run: would have)
 * @param updated   rows whose externalId (or id) named a deal that the row changed
 * @param unchanged rows whose deal already was as the row says
 * @param failed    rows refused; each with its reasons in {@code errors}
 * @param problem   why a {@code failed} import could not go on; null otherwise
 * @param errors    the first 100 errors in row order
 */
record ImportView(String id, String status, boolean dryRun, int rows, int created, int updated, int unchanged,
                  int failed, Instant createdAt, Instant finishedAt,
                  @Schema(description = "Why a failed import could not go on; null unless failed", nullable = true)
                  String problem,
                  List<RowError> errors) {

    ImportView withErrors(List<RowError> list) {
        return new ImportView(id, status, dryRun, rows, created, updated, unchanged, failed, createdAt, finishedAt,
                problem, list);
    }

    /**
     * Why a row was refused.
     *
     * @param row    the row's line in a spreadsheet: the header is row 1, the first data row row 2
     * @param column the column at fault, or null when the reason is not one column's
     */
    record RowError(int row, @Schema(nullable = true) String column, String message) {
    }
}
