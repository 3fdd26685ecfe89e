package io.dealflow.query.opportunity;

/**
 * The fields of {@code read_model.opportunity} other doors search and sort on, and how their values compare.
 */
public enum OpportunityField {
    ID("opportunity_id", Kind.TEXT),
    NAME("name", Kind.NAME),
    MONETARY_VALUE("monetary_value", Kind.NUMBER),
    PIPELINE_ID("pipeline_id", Kind.TEXT),
    STAGE_ID("stage_id", Kind.TEXT),
    STATUS("status", Kind.TEXT),
    LOST_REASON_ID("lost_reason_id", Kind.TEXT),
    SOURCE("source", Kind.TEXT),
    ASSIGNED_TO("assigned_to", Kind.TEXT),
    FOLLOWERS("followers", Kind.ARRAY),
    CONTACT_ID("contact_id", Kind.TEXT),
    CREATED_AT("created_at", Kind.DATE),
    UPDATED_AT("updated_at", Kind.DATE),
    LAST_STATUS_CHANGE_AT("last_status_change_at", Kind.DATE),
    LAST_STAGE_CHANGE_AT("last_stage_change_at", Kind.DATE);

    /** How a field's values compare. */
    public enum Kind {
        /** Exact text; {@code contains} matches a part, ignoring case. */
        TEXT,
        /** Text whose equality ignores case (on the indexed lower-case key). */
        NAME,
        NUMBER,
        /** A timestamp. */
        DATE,
        /** A list of user ids; equality and {@code contains} mean "holds". */
        ARRAY
    }

    private final String column;
    private final Kind kind;

    OpportunityField(String column, Kind kind) {
        this.column = column;
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    String column() {
        return column;
    }

    /** The SQL expression a sort on this field orders by. */
    String sortExpression() {
        return kind == Kind.NAME ? "name_key" : column;
    }
}
