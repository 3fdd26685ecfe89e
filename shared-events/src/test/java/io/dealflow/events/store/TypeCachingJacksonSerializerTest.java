package io.dealflow.events.store;

import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeCachingJacksonSerializerTest {

    private final Serializer serializer = EventSerialization.eventSerializer();

    @Test
    void readsWhatItWroteAgainAndAgain() {
        SerializedObject<byte[]> written = serializer.serialize(new OpportunityWon("opp-1", "loc-1"), byte[].class);

        for (int read = 0; read < 3; read++) {
            assertThat((Object) serializer.deserialize(written)).isEqualTo(new OpportunityWon("opp-1", "loc-1"));
        }
        assertThat(serializer.classForType(written.getType())).isSameAs(OpportunityWon.class);
    }

    @Test
    void keepsAnswersOfUnknownTypesUnknownWithoutMistakingThemForKnownOnes() {
        SimpleSerializedType unknown = new SimpleSerializedType("io.dealflow.events.NoSuchEvent", null);

        assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        assertThat(serializer.classForType(unknown)).isEqualTo(UnknownSerializedType.class);
        Object read = serializer.deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class, unknown));
        assertThat(read).isInstanceOf(UnknownSerializedType.class);
        assertThat(serializer.classForType(new SimpleSerializedType(OpportunityWon.class.getName(), null)))
                .isSameAs(OpportunityWon.class);
    }

    @Test
    void givesEveryReaderOfTheSameStoredEventOneReadOnlyObject() {
        SerializedObject<byte[]> written = serializer.serialize(
                new OpportunityTagsChanged("opp-1", "loc-1", new ArrayList<>(List.of("a", "b"))), byte[].class);
        SerializedObject<byte[]> sameBytesAgain = new SimpleSerializedObject<>(written.getData().clone(),
                byte[].class, written.getType());

        OpportunityTagsChanged first = serializer.deserialize(written);
        OpportunityTagsChanged second = serializer.deserialize(sameBytesAgain);

        assertThat(second).isSameAs(first);
        assertThatThrownBy(() -> first.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
        SerializedObject<byte[]> other = serializer.serialize(new OpportunityTagsChanged("opp-2", "loc-1", List.of()),
                byte[].class);
        assertThat((Object) serializer.deserialize(other)).isNotSameAs(first)
                .isEqualTo(new OpportunityTagsChanged("opp-2", "loc-1", List.of()));
    }

    @Test
    void parsesSnapshotsAndTokensAfreshEachTime() {
        Serializer state = EventSerialization.stateSerializer();
        SerializedObject<byte[]> written = state.serialize(new OpportunityWon("opp-1", "loc-1"), byte[].class);

        Object first = state.deserialize(written);
        assertThat((Object) state.deserialize(written)).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void forgetsTheOldestGenerationBeyondItsCapacity() {
        RecentlyDeserialized recent = new RecentlyDeserialized(2);
        List<SerializedObject<byte[]>> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(serializer.serialize(new OpportunityWon("opp-" + i, "loc-1"), byte[].class));
        }
        List<Object> firstReads = new ArrayList<>();
        for (SerializedObject<byte[]> event : events) {
            firstReads.add(recent.get(event, () -> serializer.deserialize(event)));
        }

        assertThat(recent.get(events.get(4), Object::new)).isSameAs(firstReads.get(4));
        assertThat(recent.get(events.get(0), () -> "parsed again")).isEqualTo("parsed again");
    }
}
