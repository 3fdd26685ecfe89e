package io.dealflow.query.report;

/**
 * Parameter descriptions the report endpoints share in the OpenAPI document.
 */
final class ReportDocs {

    static final String FROM = "Start of the range, included: an ISO-8601 instant (2026-01-05T09:30:00Z) or a date"
            + " (2026-01-05, meaning 00:00 UTC). Absent: no lower bound";
    static final String TO = "End of the range, excluded; same forms as from and after it. Absent: no upper bound";
    static final String PIPELINE = "A pipeline of the location; 404 when unknown, deleted or of another location";

    private ReportDocs() {
    }
}
