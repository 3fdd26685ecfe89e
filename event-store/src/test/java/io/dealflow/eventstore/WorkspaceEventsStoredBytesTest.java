package io.dealflow.eventstore;

import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events issue 20 builds on kept their shape: bytes stored before it (revision 1 of notes, tasks, lost reasons and
 * custom field values) still read through the event store's serializer and upcasters, unchanged. Issue 20 only added
 * event types (note and task edits, deletes and reopening, lost reason renames and archiving, custom field
 * definitions), so no upcaster was needed; a future shape change breaks these samples and must bring one.
 */
class WorkspaceEventsStoredBytesTest {

    private final Serializer serializer = EventSerialization.eventSerializer();

    @Test
    void readsAStoredNote() throws IOException {
        assertThat(read("opportunity-note-added-revision-1.json", OpportunityNoteAdded.class))
                .isEqualTo(new OpportunityNoteAdded("opp-1", "loc-1", "note-1", "Called, they want a demo"));
    }

    @Test
    void readsAStoredTaskAndItsCompletion() throws IOException {
        assertThat(read("opportunity-task-added-revision-1.json", OpportunityTaskAdded.class))
                .isEqualTo(new OpportunityTaskAdded("opp-1", "loc-1", "task-1", "Send proposal",
                        Instant.parse("2026-03-01T09:00:00Z"), "user-1"));
        assertThat(read("opportunity-task-completed-revision-1.json", OpportunityTaskCompleted.class))
                .isEqualTo(new OpportunityTaskCompleted("opp-1", "loc-1", "task-1"));
    }

    @Test
    void readsAStoredLostReason() throws IOException {
        assertThat(read("lost-reason-created-revision-1.json", LostReasonCreated.class))
                .isEqualTo(new LostReasonCreated("reason-7", "loc-1", "Too expensive"));
    }

    @Test
    void readsStoredFreeCustomFieldValuesOfAnyType() throws IOException {
        OpportunityCustomFieldsChanged event = read("opportunity-custom-fields-changed-revision-1.json",
                OpportunityCustomFieldsChanged.class);

        assertThat(event.customFields()).isEqualTo(Map.of("budget", "lots", "fit", "good",
                "channels", List.of("mail", "phone"), "score", new BigDecimal("12.5")));
    }

    private <T> T read(String sample, Class<T> type) throws IOException {
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/events/" + sample)) {
            bytes = in.readAllBytes();
        }
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Opportunity", "opp-1", 0,
                "event-" + sample, Instant.EPOCH, type.getName(), "1", bytes,
                serializer.serialize(MetaData.emptyInstance(), byte[].class).getData());
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.asStream(
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer,
                        EventSerialization.upcasters())).toList();
        assertThat(messages).hasSize(1);
        return type.cast(messages.get(0).getPayload());
    }
}
