package io.dealflow.query.customfield;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.customfield.CustomFieldArchived;
import io.dealflow.events.customfield.CustomFieldChanged;
import io.dealflow.events.customfield.CustomFieldDefined;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CustomFieldListApiTest extends QueryApiTest {

    private String id(String key) {
        return "custom-field/" + location + "/" + key;
    }

    @Test
    void listsTheLocationsDefinitionsByKeyWithChangesAndArchivedFlags() {
        String token = events.append(
                new CustomFieldDefined(id("fit"), location, "fit", "Fit", "select", List.of("good", "poor")),
                new CustomFieldDefined(id("budget"), location, "budget", "Budget", "number", List.of()),
                new CustomFieldDefined("custom-field/elsewhere/size", "elsewhere", "size", "Size", "text", List.of()),
                new CustomFieldChanged(id("fit"), location, "fit", "Fit score", List.of("good", "fair")),
                new CustomFieldArchived(id("budget"), location, "budget"));

        JsonNode items = read(at("/custom-fields"), token).get("items");

        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("key").asText()).isEqualTo("budget");
        assertThat(items.get(0).get("type").asText()).isEqualTo("number");
        assertThat(items.get(0).get("archived").asBoolean()).isTrue();
        assertThat(items.get(1).get("name").asText()).isEqualTo("Fit score");
        assertThat(items.get(1).get("options")).extracting(JsonNode::asText).containsExactly("good", "fair");
        assertThat(items.get(1).get("archived").asBoolean()).isFalse();
    }

    @Test
    void showsAFieldDefinedAMomentAgoEvenWithoutAConsistencyToken() {
        events.append(new CustomFieldDefined(id("budget"), location, "budget", "Budget", "number", List.of()));

        var response = get(at("/custom-fields"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("items").get(0).get("key").asText()).isEqualTo("budget");
    }

    @Test
    void answersAnEmptyListForALocationWithoutFields() {
        assertThat(read(at("/custom-fields"), events.head()).get("items")).isEmpty();
    }
}
