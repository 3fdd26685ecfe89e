package io.dealflow.query.asof;

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
import java.util.function.UnaryOperator;

/**
 * The card versions of one batch of events, worked out in memory and written when the batch commits: one query loads
 * the current version of every opportunity the batch touches, the events then close and open versions in order
 * exactly as one event at a time would, and the stored versions they close and the versions they open go out in one
 * statement each. A version opened and closed inside the batch is inserted closed. An event applies only when it
 * follows the version it finds, so a redelivered batch changes nothing.
 */
class CardBatch {

    private static final String COLUMNS = """
            opportunity_id, location_id, pipeline_id, stage_id, name, status, monetary_value, currency, contact_id,
            contact_name, contact_email, contact_phone, contact_company, source, assigned_to, tags,
            last_stage_change_at, deleted""";
    private static final String INSERT = "INSERT INTO read_model.card_version (" + COLUMNS + ", from_index, to_index,"
            + " valid) SELECT " + COLUMNS.replace("tags,", "v.tags::text[],")
            + ", from_index, to_index, tstzrange(since, until, '[)') FROM unnest(?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::boolean[], ?::bigint[], ?::bigint[],"
            + " ?::timestamptz[], ?::timestamptz[]) AS v (" + COLUMNS + ", from_index, to_index, since, until)";
    private static final String CLOSE = """
            UPDATE read_model.card_version c
            SET to_index = v.to_index, valid = tstzrange(lower(c.valid), v.until, '[)')
            FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[])
                AS v (opportunity_id, from_index, to_index, until)
            WHERE c.opportunity_id = v.opportunity_id COLLATE "C" AND c.from_index = v.from_index""";

    /** Each touched opportunity's events in arrival order, by opportunity id. */
    private final Map<String, List<Change>> changes = new TreeMap<>();

    /** Records an opportunity created by the event at {@code index}; ignored when it has a card already. */
    void create(Card card, long index, OffsetDateTime at) {
        changes.computeIfAbsent(card.opportunityId(), id -> new ArrayList<>()).add(new Change(index, at, card, null));
    }

    /** Records a change to an opportunity's card by the event at {@code index}, which happened at {@code at}. */
    void change(String opportunityId, long index, OffsetDateTime at, UnaryOperator<Card> change) {
        changes.computeIfAbsent(opportunityId, id -> new ArrayList<>()).add(new Change(index, at, null, change));
    }

    /** Applies the recorded events to the current versions and writes the versions they close and open. */
    void flush(JdbcTemplate jdbc) {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Version> current = new TreeMap<>();
        jdbc.query("SELECT " + COLUMNS + ", from_index, lower(valid) AS since FROM read_model.card_version"
                        + " WHERE opportunity_id = ANY(?) AND to_index IS NULL",
                (ResultSet rs) -> {
                    Version stored = new Version(Card.read(rs), rs.getLong("from_index"),
                            rs.getObject("since", OffsetDateTime.class), true);
                    current.put(stored.card.opportunityId(), stored);
                }, (Object) changes.keySet().toArray(String[]::new));
        List<Version> closed = new ArrayList<>();
        List<Version> opened = new ArrayList<>();
        changes.forEach((opportunityId, events) -> {
            Version version = current.get(opportunityId);
            for (Change event : events) {
                if (event.created() != null) {
                    if (version == null) {
                        version = new Version(event.created(), event.index(), event.at(), false);
                        opened.add(version);
                    }
                    continue;
                }
                if (version == null || version.fromIndex >= event.index()) {
                    continue;
                }
                Card after = event.change().apply(version.card);
                if (after.equals(version.card)) {
                    continue;
                }
                OffsetDateTime since = version.since.isAfter(event.at()) ? version.since : event.at();
                version.toIndex = event.index();
                version.until = since;
                if (version.stored) {
                    closed.add(version);
                }
                version = new Version(after, event.index(), since, false);
                opened.add(version);
            }
        });
        changes.clear();
        close(jdbc, closed);
        insert(jdbc, opened);
    }

    private static void close(JdbcTemplate jdbc, List<Version> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>(versions.size());
        for (Version version : versions) {
            rows.add(new String[]{version.card.opportunityId(), Long.toString(version.fromIndex),
                    Long.toString(version.toIndex), version.until.toString()});
        }
        jdbc.update(CLOSE, UnnestColumns.of(rows, 4));
    }

    private static void insert(JdbcTemplate jdbc, List<Version> versions) {
        if (versions.isEmpty()) {
            return;
        }
        List<String[]> rows = new ArrayList<>(versions.size());
        for (Version version : versions) {
            rows.add(version.texts());
        }
        jdbc.update(INSERT, UnnestColumns.of(rows, 22));
    }

    private record Change(long index, OffsetDateTime at, Card created, UnaryOperator<Card> change) {
    }

    /** A card version: its content, from which event and time on, and up to which when closed. */
    private static final class Version {
        final Card card;
        final long fromIndex;
        final OffsetDateTime since;
        final boolean stored;
        Long toIndex;
        OffsetDateTime until;

        Version(Card card, long fromIndex, OffsetDateTime since, boolean stored) {
            this.card = card;
            this.fromIndex = fromIndex;
            this.since = since;
            this.stored = stored;
        }

        /** The columns of {@link #INSERT}'s rows as text; tags as an array literal. */
        String[] texts() {
            return new String[]{card.opportunityId(), card.locationId(), card.pipelineId(), card.stageId(),
                    card.name(), card.status(), card.monetaryValue().toPlainString(), card.currency(),
                    card.contact().id(), card.contact().name(), card.contact().email(), card.contact().phone(),
                    card.contact().companyName(), card.source(), card.assignedTo(),
                    UnnestColumns.arrayLiteral(card.tags()), card.lastStageChangeAt().toString(),
                    Boolean.toString(card.deleted()), Long.toString(fromIndex),
                    toIndex == null ? null : toIndex.toString(), since.toString(),
                    until == null ? null : until.toString()};
        }
    }

    /** A card version's content. */
    record Card(String opportunityId, String locationId, String pipelineId, String stageId, String name,
                String status, BigDecimal monetaryValue, String currency, Contact contact, String source,
                String assignedTo, List<String> tags, OffsetDateTime lastStageChangeAt, boolean deleted) {

        Card moved(String newPipelineId, String newStageId, OffsetDateTime at) {
            return new Card(opportunityId, locationId, newPipelineId, newStageId, name, status, monetaryValue,
                    currency, contact, source, assignedTo, tags, at, deleted);
        }

        Card withStatus(String newStatus) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, newStatus, monetaryValue,
                    currency, contact, source, assignedTo, tags, lastStageChangeAt, deleted);
        }

        Card valued(BigDecimal value, String newCurrency) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, value, newCurrency,
                    contact, source, assignedTo, tags, lastStageChangeAt, deleted);
        }

        Card named(String newName) {
            return new Card(opportunityId, locationId, pipelineId, stageId, newName, status, monetaryValue,
                    currency, contact, source, assignedTo, tags, lastStageChangeAt, deleted);
        }

        Card withContact(Contact newContact) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, monetaryValue,
                    currency, newContact, source, assignedTo, tags, lastStageChangeAt, deleted);
        }

        Card ownedBy(String owner) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, monetaryValue,
                    currency, contact, source, owner, tags, lastStageChangeAt, deleted);
        }

        Card from(String newSource) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, monetaryValue,
                    currency, contact, newSource, assignedTo, tags, lastStageChangeAt, deleted);
        }

        Card tagged(List<String> newTags) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, monetaryValue,
                    currency, contact, source, assignedTo, List.copyOf(newTags), lastStageChangeAt, deleted);
        }

        Card withDeleted(boolean newDeleted) {
            return new Card(opportunityId, locationId, pipelineId, stageId, name, status, monetaryValue,
                    currency, contact, source, assignedTo, tags, lastStageChangeAt, newDeleted);
        }

        static Card read(ResultSet rs) throws SQLException {
            Array tags = rs.getArray("tags");
            return new Card(rs.getString("opportunity_id"), rs.getString("location_id"),
                    rs.getString("pipeline_id"), rs.getString("stage_id"), rs.getString("name"),
                    rs.getString("status"), rs.getBigDecimal("monetary_value"), rs.getString("currency"),
                    new Contact(rs.getString("contact_id"), rs.getString("contact_name"),
                            rs.getString("contact_email"), rs.getString("contact_phone"),
                            rs.getString("contact_company")),
                    rs.getString("source"), rs.getString("assigned_to"),
                    tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                    rs.getObject("last_stage_change_at", OffsetDateTime.class), rs.getBoolean("deleted"));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Card that && opportunityId.equals(that.opportunityId)
                    && pipelineId.equals(that.pipelineId) && stageId.equals(that.stageId) && name.equals(that.name)
                    && status.equals(that.status) && monetaryValue.compareTo(that.monetaryValue) == 0
                    && currency.equals(that.currency) && contact.equals(that.contact)
                    && Objects.equals(source, that.source)
                    && Objects.equals(assignedTo, that.assignedTo) && tags.equals(that.tags)
                    && lastStageChangeAt.isEqual(that.lastStageChangeAt) && deleted == that.deleted;
        }

        @Override
        public int hashCode() {
            return opportunityId.hashCode();
        }
    }
}
