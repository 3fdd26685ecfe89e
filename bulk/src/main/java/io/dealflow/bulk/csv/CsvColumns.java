package io.dealflow.bulk.csv;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The columns of the CSV format (header names, case-insensitive): what the import reads and the export writes.
 */
final class CsvColumns {

    static final String NAME = "name";
    static final String STAGE = "stage";
    static final String STATUS = "status";
    static final String MONETARY_VALUE = "monetaryValue";
    static final String CURRENCY = "currency";
    static final String CONTACT_ID = "contactId";
    static final String CONTACT_NAME = "contactName";
    static final String CONTACT_EMAIL = "contactEmail";
    static final String CONTACT_PHONE = "contactPhone";
    static final String COMPANY_NAME = "companyName";
    static final String SOURCE = "source";
    static final String ASSIGNED_TO = "assignedTo";
    static final String TAGS = "tags";
    static final String LOST_REASON = "lostReason";
    static final String EXTERNAL_ID = "externalId";
    static final String ID = "id";
    static final String PIPELINE = "pipeline";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String LAST_STAGE_CHANGE_AT = "lastStageChangeAt";
    /** Prefix of a custom field's column: {@code cf.<key>}. */
    static final String CUSTOM_FIELD = "cf.";

    /** What the import reads, in the export's order (the export adds {@link #EXPORT_ONLY}). */
    static final List<String> IMPORTED = List.of(NAME, STAGE, STATUS, MONETARY_VALUE, CURRENCY, CONTACT_ID,
            CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, COMPANY_NAME, SOURCE, ASSIGNED_TO, TAGS, LOST_REASON,
            EXTERNAL_ID);
    /** Written by the export; the import accepts them and reads only {@code id} (to recognise its own deals). */
    static final List<String> EXPORT_ONLY = List.of(ID, PIPELINE, CREATED_AT, UPDATED_AT, LAST_STAGE_CHANGE_AT);
    static final Set<String> CONTACT = Set.of(CONTACT_ID, CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, COMPANY_NAME);

    private CsvColumns() {
    }

    /** The canonical name of a header cell, or null when it is no column of the format. */
    static String canonical(String header) {
        String trimmed = header.strip();
        if (trimmed.regionMatches(true, 0, CUSTOM_FIELD, 0, CUSTOM_FIELD.length())
                && trimmed.length() > CUSTOM_FIELD.length()) {
            return CUSTOM_FIELD + trimmed.substring(CUSTOM_FIELD.length());
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        for (List<String> columns : List.of(IMPORTED, EXPORT_ONLY)) {
            for (String column : columns) {
                if (column.toLowerCase(Locale.ROOT).equals(lower)) {
                    return column;
                }
            }
        }
        return null;
    }
}
