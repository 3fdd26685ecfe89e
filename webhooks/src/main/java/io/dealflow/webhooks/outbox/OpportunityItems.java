package io.dealflow.webhooks.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.eventstore.EventSerialization;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The notes and tasks of opportunities as deliveries show them ({@code webhooks.opportunity_item}): a
 * {@link WebhookNote} or a {@link WebhookTask} per item. Each method is one statement, however many items it takes:
 * the keys' columns travel as arrays. A note or task added before the outbox kept them is read back once from its
 * opportunity's events.
 */
@Component
class OpportunityItems {

    private static final String KEYS = "SELECT * FROM unnest(?::text[], ?::text[], ?::text[])";

    private final JdbcTemplate jdbc;
    private final EventStore eventStore;
    private final ObjectMapper json = EventSerialization.eventMapper();

    OpportunityItems(JdbcTemplate jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /** A note or task of an opportunity. */
    record Key(String opportunityId, Kind kind, String itemId) {
    }

    /** What an item is, and its {@code kind} column's value. */
    enum Kind {
        NOTE("note", WebhookNote.class),
        TASK("task", WebhookTask.class);

        private final String column;
        private final Class<?> type;

        Kind(String column, Class<?> type) {
            this.column = column;
            this.type = type;
        }

        static Kind of(String column) {
            return column.equals(NOTE.column) ? NOTE : TASK;
        }
    }

    /** The stored items among those keys. */
    Map<Key, Object> findAll(Collection<Key> keys) {
        Map<Key, Object> items = new HashMap<>();
        if (keys.isEmpty()) {
            return items;
        }
        jdbc.query("SELECT opportunity_id, kind, item_id, state FROM webhooks.opportunity_item"
                + " WHERE (opportunity_id, kind, item_id) IN (" + KEYS + ")", (ResultSet rs) -> {
                    Key key = new Key(rs.getString("opportunity_id"), Kind.of(rs.getString("kind")),
                            rs.getString("item_id"));
                    items.put(key, read(rs.getString("state"), key.kind()));
                }, (Object[]) columns(keys));
        return items;
    }

    /**
     * The note or task as the opportunity's events before {@code beforeSequence} left it, for one the outbox has no
     * row of: added before the outbox kept notes and tasks. Null when none of those events is about it. Reads the
     * whole stream, from its first event (a snapshot of the aggregate would hide the notes and tasks before it);
     * the row written afterwards makes this a one-off per item.
     */
    Object fromHistory(Key key, long beforeSequence) {
        Object state = null;
        DomainEventStream stream = eventStore.readEvents(key.opportunityId(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() >= beforeSequence) {
                break;
            }
            Object event = message.getPayload();
            if (key.equals(NoteAndTaskFold.keyOf(key.opportunityId(), event))) {
                state = NoteAndTaskFold.deletes(event) ? null : NoteAndTaskFold.after(key, event, state,
                        message.getTimestamp(), NoteAndTaskFold.author(message.getMetaData()));
            }
        }
        return state;
    }

    /** Writes the items, replacing what was stored under their keys. */
    void saveAll(Map<Key, Object> items) {
        if (items.isEmpty()) {
            return;
        }
        String[][] keys = columns(items.keySet());
        String[] states = items.values().stream().map(this::write).toArray(String[]::new);
        jdbc.update("INSERT INTO webhooks.opportunity_item (opportunity_id, kind, item_id, state)"
                        + " SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])"
                        + " ON CONFLICT (opportunity_id, kind, item_id) DO UPDATE SET state = excluded.state",
                keys[0], keys[1], keys[2], states);
    }

    /** Forgets the items (deleted notes and tasks). */
    void deleteAll(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        jdbc.update("DELETE FROM webhooks.opportunity_item WHERE (opportunity_id, kind, item_id) IN (" + KEYS + ")",
                (Object[]) columns(keys));
    }

    /** The keys as three columns, in the collection's order. */
    private static String[][] columns(Collection<Key> keys) {
        String[][] columns = new String[3][keys.size()];
        int row = 0;
        for (Key key : keys) {
            columns[0][row] = key.opportunityId();
            columns[1][row] = key.kind().column;
            columns[2][row] = key.itemId();
            row++;
        }
        return columns;
    }

    private Object read(String state, Kind kind) {
        try {
            return json.readValue(state, kind.type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + kind.column + " of an opportunity", e);
        }
    }

    private String write(Object item) {
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a note or task of an opportunity", e);
        }
    }
}
