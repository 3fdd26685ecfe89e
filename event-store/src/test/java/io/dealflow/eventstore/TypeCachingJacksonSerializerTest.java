package io.dealflow.eventstore;

import io.dealflow.events.opportunity.OpportunityWon;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
