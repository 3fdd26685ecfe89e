package io.dealflow.query.opportunity;

import io.dealflow.events.Contact;
import io.dealflow.query.UnnestColumns;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The opportunity rows of one batch of events, folded in memory and written when the batch commits: one query loads
 * every row the batch touches, each event then changes its row exactly as its own row update would (only when it is
 * newer than the row's version, advancing version and {@code updated_at}), and the new and changed rows go out in one
 * statement each. A redelivered batch finds every row at or past its events' versions and writes nothing.
 */
class OpportunityBatch {

    private static final String COLUMNS = """
            opportunity_id, location_id, name, pipeline_id, stage_id, status, monetary_value, currency, contact_id,
            contact_name, contact_email, contact_phone, contact_company, source, assigned_to, followers, tags,
            custom_fields, lost_reason_id, lost_reason, created_at, updated_at, last_stage_change_at,
            last_status_change_at, deleted, version""";
    private static final int WIDTH = 26;
    private static final String ROWS = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],
                   ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[],
                   ?::timestamptz[], ?::boolean[], ?::bigint[])
            AS v (""" + COLUMNS + ")";
    private static final String INSERT = "INSERT INTO read_model.opportunity (" + COLUMNS + ") SELECT "
            + COLUMNS.replace("followers, tags,", "v.followers::text[], v.tags::text[],")
                    .replace("custom_fields,", "v.custom_fields::jsonb,")
            + " FROM " + ROWS + " ON CONFLICT (opportunity_id) DO NOTHING";
    private static final String UPDATE = """
            UPDATE read_model.opportunity o SET name = v.name, pipeline_id = v.pipeline_id, stage_id = v.stage_id,
                status = v.status, monetary_value = v.monetary_value, currency = v.currency,
                contact_id = v.contact_id, contact_name = v.contact_name, contact_email = v.contact_email,
                contact_phone = v.contact_phone, contact_company = v.contact_company, source = v.source,
                assigned_to = v.assigned_to, followers = v.followers::text[], tags = v.tags::text[],
                custom_fields = v.custom_fields::jsonb,
                lost_reason_id = v.lost_reason_id, lost_reason = v.lost_reason, updated_at = v.updated_at,
                last_stage_change_at = v.last_stage_change_at, last_status_change_at = v.last_status_change_at,
                deleted = v.deleted, version = v.version
            FROM %s
            WHERE o.opportunity_id = v.opportunity_id COLLATE "C" AND o.version < v.version
            """.formatted(ROWS);

    /** Each touched opportunity's events in arrival order, by opportunity id. */
    private final Map<String, List<Change>> changes = new TreeMap<>();

    /** Records an opportunity created by the event at {@code sequence}; ignored when its row exists. */
    void create(Row row, long sequence) {
        changes.computeIfAbsent(row.opportunityId, id -> new ArrayList<>()).add(new Change(sequence, null, row, null));
    }

    /**
     * Records a change by the event at {@code sequence}, which happened at {@code at}, to an opportunity's row; a
     * null {@code change} only advances the version and {@code updated_at}.
     */
    void change(String opportunityId, long sequence, OffsetDateTime at, Consumer<Row> change) {
        changes.computeIfAbsent(opportunityId, id -> new ArrayList<>()).add(new Change(sequence, at, null, change));
    }

    /** Applies the recorded events to the stored rows and writes the new and the changed ones. */
    void flush(JdbcTemplate jdbc) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Row> stored = new TreeMap<>();
        jdbc.query("SELECT " + COLUMNS.replace("custom_fields,", "custom_fields::text AS custom_fields,")
                        + " FROM read_model.opportunity WHERE opportunity_id = ANY(?)",
                (ResultSet rs) -> {
                    Row row = Row.read(rs);
                    stored.put(row.opportunityId, row);
                }, (Object) changes.keySet().toArray(String[]::new));
        List<String[]> inserts = new ArrayList<>();
        List<String[]> updates = new ArrayList<>();
        changes.forEach((opportunityId, events) -> {
            Row before = stored.get(opportunityId);
            Row row = before;
            for (Change event : events) {
                if (event.created() != null) {
                    if (row == null) {
                        row = event.created().copy();
                        row.version = event.sequence() + 1;
                    }
                } else if (row != null && row.version <= event.sequence()) {
                    if (row == before) {
                        row = before.copy();
                    }
                    if (event.change() != null) {
                        event.change().accept(row);
                    }
                    row.version = event.sequence() + 1;
                    row.updatedAt = event.at();
                }
            }
            if (row == null || row == before) {
                return;
            }
            (before == null ? inserts : updates).add(row.texts());
        });
        changes.clear();
        if (!inserts.isEmpty()) {
            jdbc.update(INSERT, UnnestColumns.of(inserts, WIDTH));
        }
        if (!updates.isEmpty()) {
            jdbc.update(UPDATE, UnnestColumns.of(updates, WIDTH));
        }
    }

    private record Change(long sequence, OffsetDateTime at, Row created, Consumer<Row> change) {
    }

    /** One opportunity as its row holds it; {@code customFields} is the JSON text of the JSONB column. */
    static final class Row {
        final String opportunityId;
        final String locationId;
        String name;
        String pipelineId;
        String stageId;
        String status;
        BigDecimal monetaryValue;
        String currency;
        Contact contact;
        String source;
        String assignedTo;
        List<String> followers;
        List<String> tags;
        String customFields;
        String lostReasonId;
        String lostReason;
        OffsetDateTime createdAt;
        OffsetDateTime updatedAt;
        OffsetDateTime lastStageChangeAt;
        OffsetDateTime lastStatusChangeAt;
        boolean deleted;
        long version;

        Row(String opportunityId, String locationId) {
            this.opportunityId = opportunityId;
            this.locationId = locationId;
        }

        Row copy() {
            Row copy = new Row(opportunityId, locationId);
            copy.name = name;
            copy.pipelineId = pipelineId;
            copy.stageId = stageId;
            copy.status = status;
            copy.monetaryValue = monetaryValue;
            copy.currency = currency;
            copy.contact = contact;
            copy.source = source;
            copy.assignedTo = assignedTo;
            copy.followers = followers;
            copy.tags = tags;
            copy.customFields = customFields;
            copy.lostReasonId = lostReasonId;
            copy.lostReason = lostReason;
            copy.createdAt = createdAt;
            copy.updatedAt = updatedAt;
            copy.lastStageChangeAt = lastStageChangeAt;
            copy.lastStatusChangeAt = lastStatusChangeAt;
            copy.deleted = deleted;
            copy.version = version;
            return copy;
        }

        static Row read(ResultSet rs) throws SQLException {
            Row row = new Row(rs.getString("opportunity_id"), rs.getString("location_id"));
            row.name = rs.getString("name");
            row.pipelineId = rs.getString("pipeline_id");
            row.stageId = rs.getString("stage_id");
            row.status = rs.getString("status");
            row.monetaryValue = rs.getBigDecimal("monetary_value");
            row.currency = rs.getString("currency");
            row.contact = new Contact(rs.getString("contact_id"), rs.getString("contact_name"),
                    rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("contact_company"));
            row.source = rs.getString("source");
            row.assignedTo = rs.getString("assigned_to");
            row.followers = texts(rs.getArray("followers"));
            row.tags = texts(rs.getArray("tags"));
            row.customFields = rs.getString("custom_fields");
            row.lostReasonId = rs.getString("lost_reason_id");
            row.lostReason = rs.getString("lost_reason");
            row.createdAt = rs.getObject("created_at", OffsetDateTime.class);
            row.updatedAt = rs.getObject("updated_at", OffsetDateTime.class);
            row.lastStageChangeAt = rs.getObject("last_stage_change_at", OffsetDateTime.class);
            row.lastStatusChangeAt = rs.getObject("last_status_change_at", OffsetDateTime.class);
            row.deleted = rs.getBoolean("deleted");
            row.version = rs.getLong("version");
            return row;
        }

        /** The row's columns as text, in {@link #COLUMNS} order; followers and tags as array literals. */
        String[] texts() {
            return new String[]{opportunityId, locationId, name, pipelineId, stageId, status,
                    monetaryValue.toPlainString(), currency, contact.id(), contact.name(), contact.email(),
                    contact.phone(), contact.companyName(), source, assignedTo, UnnestColumns.arrayLiteral(followers),
                    UnnestColumns.arrayLiteral(tags), customFields, lostReasonId, lostReason, createdAt.toString(),
                    updatedAt.toString(), lastStageChangeAt.toString(),
                    lastStatusChangeAt == null ? null : lastStatusChangeAt.toString(), Boolean.toString(deleted),
                    Long.toString(version)};
        }

        private static List<String> texts(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }
    }
}
