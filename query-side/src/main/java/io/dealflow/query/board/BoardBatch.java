package io.dealflow.query.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The board changes of one batch of events, applied in memory and written when the batch commits: one query loads
 * every card the batch touches, each event then changes its card in memory exactly as a row update would (only when
 * it is newer than the card's version), and the new and changed cards and the stage totals go out in JDBC batches.
 * A batch of thousands of events costs a handful of round trips, which is what makes a replay fast.
 */
class BoardBatch {

    private static final String COLUMNS = """
            opportunity_id, location_id, pipeline_id, stage_id, name, status, monetary_value, currency, contact_id,
            contact_name, contact_email, contact_phone, contact_company, source, assigned_to, tags,
            last_stage_change_at, deleted, version""";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROWS = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],
                   ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::timestamptz[], ?::boolean[], ?::bigint[])
            AS v (opportunity_id, location_id, pipeline_id, stage_id, name, status, monetary_value, currency,
                  contact_id, contact_name, contact_email, contact_phone, contact_company, source, assigned_to, tags,
                  last_stage_change_at, deleted, version)""";
    private static final String TAGS = "ARRAY(SELECT jsonb_array_elements_text(v.tags::jsonb))";
    private static final String INSERT = "INSERT INTO read_model.board_card (" + COLUMNS + ") SELECT "
            + COLUMNS.replace("tags,", TAGS + ",") + " FROM " + ROWS;
    private static final String UPDATE = """
            UPDATE read_model.board_card c SET pipeline_id = v.pipeline_id, stage_id = v.stage_id, name = v.name,
                status = v.status, monetary_value = v.monetary_value, currency = v.currency,
                contact_id = v.contact_id, contact_name = v.contact_name, contact_email = v.contact_email,
                contact_phone = v.contact_phone, contact_company = v.contact_company, source = v.source,
                assigned_to = v.assigned_to, tags = %s, last_stage_change_at = v.last_stage_change_at,
                deleted = v.deleted, version = v.version
            FROM %s
            WHERE c.opportunity_id = v.opportunity_id COLLATE "C"
            """.formatted(TAGS, ROWS);

    /** Each touched card's events in arrival order, by opportunity id. */
    private final Map<String, List<Change>> changes = new TreeMap<>();

    /** Records a card created by the event at {@code sequence}; ignored when the card exists. */
    void create(Card card, long sequence) {
        changes.computeIfAbsent(card.opportunityId, id -> new ArrayList<>())
                .add(new Change(sequence, card, null));
    }

    /** Records a change by the event at {@code sequence} to an opportunity's card. */
    void change(String opportunityId, long sequence, Consumer<Card> change) {
        changes.computeIfAbsent(opportunityId, id -> new ArrayList<>()).add(new Change(sequence, null, change));
    }

    /** Applies the recorded events to the stored cards and writes the cards and the totals' changes. */
    void flush(JdbcTemplate jdbc, StageTotals totals) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Card> stored = new TreeMap<>();
        jdbc.query("SELECT " + COLUMNS + " FROM read_model.board_card WHERE opportunity_id = ANY(?)",
                (ResultSet rs) -> {
                    Card card = Card.read(rs);
                    stored.put(card.opportunityId, card);
                }, (Object) changes.keySet().toArray(String[]::new));
        List<Card> inserts = new ArrayList<>();
        List<Card> updates = new ArrayList<>();
        changes.forEach((opportunityId, events) -> {
            Card before = stored.get(opportunityId);
            Card card = before == null ? null : before.copy();
            for (Change event : events) {
                if (event.created() != null) {
                    if (card == null) {
                        card = event.created().copy();
                        card.version = event.sequence() + 1;
                    }
                } else if (card != null && card.version <= event.sequence()) {
                    event.change().accept(card);
                    card.version = event.sequence() + 1;
                }
            }
            if (card == null || card.equals(before)) {
                return;
            }
            if (before == null) {
                inserts.add(card);
            } else {
                updates.add(card);
                before.contribute(totals, -1);
            }
            card.contribute(totals, 1);
        });
        changes.clear();
        write(jdbc, INSERT, inserts);
        write(jdbc, UPDATE, updates);
    }

    /**
     * Writes many cards with one statement: each column travels as one text array, and {@code unnest} turns the
     * arrays back into rows, so a batch costs one statement, not one per card.
     */
    private static void write(JdbcTemplate jdbc, String sql, List<Card> cards) {
        if (cards.isEmpty()) {
            return;
        }
        jdbc.update(sql, UnnestColumns.of(cards.stream().map(Card::texts).toList(), 19));
    }

    private record Change(long sequence, Card created, Consumer<Card> change) {
    }

    /** One board card, as the row holds it. */
    static final class Card {
        final String opportunityId;
        final String locationId;
        String pipelineId;
        String stageId;
        String name;
        String status;
        BigDecimal monetaryValue;
        String currency;
        Contact contact;
        String source;
        String assignedTo;
        List<String> tags;
        OffsetDateTime lastStageChangeAt;
        boolean deleted;
        long version;

        Card(String opportunityId, String locationId) {
            this.opportunityId = opportunityId;
            this.locationId = locationId;
        }

        Card copy() {
            Card copy = new Card(opportunityId, locationId);
            copy.pipelineId = pipelineId;
            copy.stageId = stageId;
            copy.name = name;
            copy.status = status;
            copy.monetaryValue = monetaryValue;
            copy.currency = currency;
            copy.contact = contact;
            copy.source = source;
            copy.assignedTo = assignedTo;
            copy.tags = tags;
            copy.lastStageChangeAt = lastStageChangeAt;
            copy.deleted = deleted;
            copy.version = version;
            return copy;
        }

        /** What the card adds to its stage's totals: one deal and its value while open and not deleted. */
        void contribute(StageTotals totals, int sign) {
            if ("open".equals(status) && !deleted) {
                totals.add(pipelineId, stageId, currency, monetaryValue, sign);
            }
        }

        static Card read(ResultSet rs) throws SQLException {
            Card card = new Card(rs.getString("opportunity_id"), rs.getString("location_id"));
            card.pipelineId = rs.getString("pipeline_id");
            card.stageId = rs.getString("stage_id");
            card.name = rs.getString("name");
            card.status = rs.getString("status");
            card.monetaryValue = rs.getBigDecimal("monetary_value");
            card.currency = rs.getString("currency");
            card.contact = new Contact(rs.getString("contact_id"), rs.getString("contact_name"),
                    rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("contact_company"));
            card.source = rs.getString("source");
            card.assignedTo = rs.getString("assigned_to");
            Array tags = rs.getArray("tags");
            card.tags = tags == null ? List.of() : Arrays.asList((String[]) tags.getArray());
            card.lastStageChangeAt = rs.getObject("last_stage_change_at", OffsetDateTime.class);
            card.deleted = rs.getBoolean("deleted");
            card.version = rs.getLong("version");
            return card;
        }

        /** The card's columns as text, in {@link #COLUMNS} order; tags as a JSON array. */
        String[] texts() {
            try {
                return new String[]{opportunityId, locationId, pipelineId, stageId, name, status,
                        monetaryValue.toPlainString(), currency, contact.id(), contact.name(), contact.email(),
                        contact.phone(), contact.companyName(), source, assignedTo, JSON.writeValueAsString(tags),
                        lastStageChangeAt.toString(), Boolean.toString(deleted), Long.toString(version)};
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("tags are always JSON", e);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Card that && opportunityId.equals(that.opportunityId)
                    && Objects.equals(pipelineId, that.pipelineId) && Objects.equals(stageId, that.stageId)
                    && Objects.equals(name, that.name) && Objects.equals(status, that.status)
                    && monetaryValue.compareTo(that.monetaryValue) == 0 && Objects.equals(currency, that.currency)
                    && Objects.equals(contact, that.contact) && Objects.equals(source, that.source)
                    && Objects.equals(assignedTo, that.assignedTo) && Objects.equals(tags, that.tags)
                    && lastStageChangeAt.isEqual(that.lastStageChangeAt) && deleted == that.deleted
                    && version == that.version;
        }

        @Override
        public int hashCode() {
            return opportunityId.hashCode();
        }
    }
}
