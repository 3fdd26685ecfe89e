package io.dealflow.highlevel.search;

import io.dealflow.query.opportunity.OpportunityField;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields HighLevel's advanced search filters and sorts on, by their names in HighLevel's API, and the fields of
 * the query side's opportunity read model behind them.
 */
enum SearchField {
    ID("id", OpportunityField.ID, true),
    NAME("name", OpportunityField.NAME, true),
    MONETARY_VALUE("monetary_value", OpportunityField.MONETARY_VALUE, true),
    PIPELINE_ID("pipeline_id", OpportunityField.PIPELINE_ID, false),
    PIPELINE_STAGE_ID("pipeline_stage_id", OpportunityField.STAGE_ID, false),
    STATUS("status", OpportunityField.STATUS, false),
    LOST_REASON_ID("lost_reason_id", OpportunityField.LOST_REASON_ID, false),
    SOURCE("source", OpportunityField.SOURCE, false),
    ASSIGNED_TO("assigned_to", OpportunityField.ASSIGNED_TO, false),
    FOLLOWERS("followers", OpportunityField.FOLLOWERS, false),
    CONTACT_ID("contact_id", OpportunityField.CONTACT_ID, false),
    DATE_ADDED("date_added", OpportunityField.CREATED_AT, true),
    DATE_UPDATED("date_updated", OpportunityField.UPDATED_AT, true),
    LAST_STATUS_CHANGE_DATE("last_status_change_date", OpportunityField.LAST_STATUS_CHANGE_AT, false),
    LAST_STAGE_CHANGE_DATE("last_stage_change_date", OpportunityField.LAST_STAGE_CHANGE_AT, true);

    private final String apiName;
    private final OpportunityField field;
    private final boolean sortable;

    SearchField(String apiName, OpportunityField field, boolean sortable) {
        this.apiName = apiName;
        this.field = field;
        this.sortable = sortable;
    }

    static Optional<SearchField> named(String apiName) {
        return Arrays.stream(values()).filter(field -> field.apiName.equals(apiName)).findFirst();
    }

    /** The field's name in HighLevel's API. */
    String apiName() {
        return apiName;
    }

    /** The read-model field it names. */
    OpportunityField field() {
        return field;
    }

    OpportunityField.Kind kind() {
        return field.kind();
    }

    /** Only fields with an index that ends in the id (keyset paging) and never hold null are sort keys. */
    boolean sortable() {
        return sortable;
    }

    /** The HighLevel field of a read-model field. */
    static SearchField of(OpportunityField field) {
        return Arrays.stream(values()).filter(candidate -> candidate.field == field).findFirst().orElseThrow();
    }
}
