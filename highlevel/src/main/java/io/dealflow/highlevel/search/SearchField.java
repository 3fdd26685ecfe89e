package io.dealflow.highlevel.search;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields HighLevel's advanced search filters and sorts on, and the read-model columns behind them.
 */
enum SearchField {
    ID("id", "opportunity_id", Kind.TEXT, true),
    NAME("name", "name", Kind.NAME, true),
    MONETARY_VALUE("monetary_value", "monetary_value", Kind.NUMBER, true),
    PIPELINE_ID("pipeline_id", "pipeline_id", Kind.TEXT, false),
    PIPELINE_STAGE_ID("pipeline_stage_id", "stage_id", Kind.TEXT, false),
    STATUS("status", "status", Kind.TEXT, false),
    LOST_REASON_ID("lost_reason_id", "lost_reason_id", Kind.TEXT, false),
    SOURCE("source", "source", Kind.TEXT, false),
    ASSIGNED_TO("assigned_to", "assigned_to", Kind.TEXT, false),
    FOLLOWERS("followers", "followers", Kind.ARRAY, false),
    CONTACT_ID("contact_id", "contact_id", Kind.TEXT, false),
    DATE_ADDED("date_added", "created_at", Kind.DATE, true),
    DATE_UPDATED("date_updated", "updated_at", Kind.DATE, true),
    LAST_STATUS_CHANGE_DATE("last_status_change_date", "last_status_change_at", Kind.DATE, false),
    LAST_STAGE_CHANGE_DATE("last_stage_change_date", "last_stage_change_at", Kind.DATE, true);

    /** How a field's values compare. */
    enum Kind {
        /** Exact text; {@code contains} matches a part, ignoring case. */
        TEXT,
        /** Text whose equality ignores case (on the indexed lower-case key). */
        NAME,
        NUMBER,
        /** A timestamp; values are ISO-8601 instants or dates, or epoch milliseconds. */
        DATE,
        /** A list of user ids; {@code eq} and {@code contains} mean "holds". */
        ARRAY
    }

    private final String apiName;
    private final String column;
    private final Kind kind;
    private final boolean sortable;

    SearchField(String apiName, String column, Kind kind, boolean sortable) {
        this.apiName = apiName;
        this.column = column;
        this.kind = kind;
        this.sortable = sortable;
    }

    static Optional<SearchField> named(String apiName) {
        return Arrays.stream(values()).filter(field -> field.apiName.equals(apiName)).findFirst();
    }

    String apiName() {
        return apiName;
    }

    String column() {
        return column;
    }

    Kind kind() {
        return kind;
    }

    /** Only columns with an index that ends in the id (keyset paging) and never hold null are sort keys. */
    boolean sortable() {
        return sortable;
    }

    /** The SQL expression a sort on this field orders by. */
    String sortExpression() {
        return kind == Kind.NAME ? "name_key" : column;
    }
}
