package io.dealflow.query.opportunity;

import io.dealflow.query.http.Cursor;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The filters of an opportunity search. Null means "any". {@code status} null means every status; tags must all be
 * on a deal; {@code q} matches name, contact name, email or company, ignoring case; {@code createdFrom} is inclusive,
 * {@code createdTo} exclusive; the value bounds are inclusive; every custom field filter must hold.
 */
record SearchCriteria(String locationId, String pipelineId, String stageId, String status, String assignedTo,
                      String source, List<String> tags, String contactId, String q, Instant createdFrom,
                      Instant createdTo, BigDecimal valueMin, BigDecimal valueMax,
                      List<CustomFieldFilter> customFields) {

    /** SQL conditions on {@code read_model.opportunity}, appending their arguments. */
    String conditions(List<Object> arguments) {
        StringBuilder sql = new StringBuilder("location_id = ? AND NOT deleted");
        arguments.add(locationId);
        equal(sql, arguments, "pipeline_id", pipelineId);
        equal(sql, arguments, "stage_id", stageId);
        equal(sql, arguments, "status", status);
        equal(sql, arguments, "assigned_to", assignedTo);
        equal(sql, arguments, "source", source);
        equal(sql, arguments, "contact_id", contactId);
        if (!tags.isEmpty()) {
            sql.append(" AND tags @> ?::text[]");
            arguments.add(tags.toArray(String[]::new));
        }
        if (q != null) {
            sql.append(" AND search_text ILIKE ?");
            arguments.add("%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (createdFrom != null) {
            sql.append(" AND created_at >= ?");
            arguments.add(OffsetDateTime.ofInstant(createdFrom, ZoneOffset.UTC));
        }
        if (createdTo != null) {
            sql.append(" AND created_at < ?");
            arguments.add(OffsetDateTime.ofInstant(createdTo, ZoneOffset.UTC));
        }
        if (valueMin != null) {
            sql.append(" AND monetary_value >= ?");
            arguments.add(valueMin);
        }
        if (valueMax != null) {
            sql.append(" AND monetary_value <= ?");
            arguments.add(valueMax);
        }
        for (CustomFieldFilter filter : customFields) {
            sql.append(filter.condition(locationId, arguments));
        }
        return sql.toString();
    }

    String fingerprint(SearchSort sort) {
        return Cursor.fingerprint(locationId, pipelineId, stageId, status, assignedTo, source, tags.toArray(),
                contactId, q, String.valueOf(createdFrom), String.valueOf(createdTo),
                valueMin == null ? null : valueMin.stripTrailingZeros().toPlainString(),
                valueMax == null ? null : valueMax.stripTrailingZeros().toPlainString(), sort.toString(),
                customFields.stream().map(CustomFieldFilter::fingerprint).toArray());
    }

    private static void equal(StringBuilder sql, List<Object> arguments, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            arguments.add(value);
        }
    }
}
