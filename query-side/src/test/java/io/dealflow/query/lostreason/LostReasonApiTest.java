package io.dealflow.query.lostreason;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.lostreason.LostReasonArchived;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.lostreason.LostReasonRenamed;
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

    @Test
    void showsRenamesAndLeavesArchivedReasonsOutUnlessAsked() {
        String budget = newId();
        String timing = newId();
        String token = events.append(new LostReasonCreated(budget, location, "Budget"),
                new LostReasonCreated(timing, location, "Timing"),
                new LostReasonRenamed(budget, location, "No budget"),
                new LostReasonArchived(timing, location));

        JsonNode live = read(at("/lost-reasons"), token).get("items");
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("name").asText()).isEqualTo("No budget");
        assertThat(live.get(0).get("archived").asBoolean()).isFalse();
        JsonNode all = read(at("/lost-reasons?includeArchived=true"), token).get("items");
        assertThat(all).hasSize(2);
        assertThat(all.get(1).get("id").asText()).isEqualTo(timing);
        assertThat(all.get(1).get("archived").asBoolean()).isTrue();
    }

    @Test
    void refusesAnIncludeArchivedThatIsNotABoolean() {
        var response = get(at("/lost-reasons?includeArchived=yes"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
    }
}
