package io.dealflow.eventstore;

import io.dealflow.events.LossReason;
import io.dealflow.events.opportunity.OpportunityLost;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads stored revision-1 bytes of {@link OpportunityLost} through the event store's serializer and upcasters.
 */
class OpportunityLost1To2UpcasterTest {

    private final Serializer serializer = EventSerialization.eventSerializer();

    @Test
    void readsRevisionOneWithReasonIdAndTextAsStructuredReason() throws IOException {
        OpportunityLost event = read(stored("opportunity-lost-revision-1.json", "1"));

        assertThat(event).isEqualTo(new OpportunityLost("opp-1", "loc-1", new LossReason("reason-7", "Too expensive")));
        assertThat(event.lostReasonId()).isEqualTo("reason-7");
        assertThat(event.lostReason()).isEqualTo("Too expensive");
    }

    @Test
    void readsRevisionOneWithoutReasonAsNullReason() throws IOException {
        OpportunityLost event = read(stored("opportunity-lost-revision-1-no-reason.json", "1"));

        assertThat(event.reason()).isNull();
        assertThat(event.lostReasonId()).isNull();
        assertThat(event.lostReason()).isNull();
    }

    @Test
    void leavesRevisionTwoAsWritten() {
        OpportunityLost written = new OpportunityLost("opp-3", "loc-1", null, "Went silent");
        byte[] bytes = serializer.serialize(written, byte[].class).getData();

        assertThat(new String(bytes)).contains("\"reason\":{\"lostReasonId\":null,\"text\":\"Went silent\"}")
                .doesNotContain("\"lostReason\":");
        assertThat(read(new GenericDomainEventEntry<>("Opportunity", "opp-3", 0, "event-3", Instant.EPOCH,
                OpportunityLost.class.getName(), "2", bytes, metaData()))).isEqualTo(written);
    }

    private GenericDomainEventEntry<byte[]> stored(String sample, String revision) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/events/" + sample)) {
            return new GenericDomainEventEntry<>("Opportunity", "opp", 0, "event-" + sample, Instant.EPOCH,
                    OpportunityLost.class.getName(), revision, in.readAllBytes(), metaData());
        }
    }

    private byte[] metaData() {
        return serializer.serialize(MetaData.emptyInstance(), byte[].class).getData();
    }

    private OpportunityLost read(GenericDomainEventEntry<byte[]> entry) {
        List<? extends DomainEventMessage<?>> messages = EventStreamUtils.asStream(
                EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entry), serializer,
                        EventSerialization.upcasters())).toList();
        assertThat(messages).hasSize(1);
        return (OpportunityLost) messages.get(0).getPayload();
    }
}
