package io.dealflow.query.lostreason;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LostReasonApiTest extends QueryApiTest {

    @Test
    void listsTheLocationsLostReasonsByName() {
        String token = events.append(new LostReasonCreated(newId(), location, "Timing"),
                new LostReasonCreated(newId(), location, "budget"),
                new LostReasonCreated(newId(), "other-loc", "Competitor"));

        JsonNode items = read(at("/lost-reasons"), token).get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("name").asText()).isEqualTo("budget");
        assertThat(items.get(1).get("name").asText()).isEqualTo("Timing");
        assertThat(items.get(0).get("id").asText()).isNotBlank();
    }
}
