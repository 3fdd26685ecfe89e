package io.dealflow.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import io.dealflow.events.EventMetadata;
import io.dealflow.security.testsupport.KeyClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key that sent a command is named in the metadata of the events it caused, with the acting user beside it.
 */
class ActorMetadataTest extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsTheKeyAsActorAndTheActingUserBesideIt() throws IOException {
        KeyClient.Key key = new KeyClient(port).create("Zapier bridge", List.of(location),
                List.of("pipelines.write"), null);

        var response = callWithKey(key.secret(), "POST", at("/lost-reasons"), "{\"name\":\"Price\"}",
                "X-Acting-User", "user-42");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode metadata = lastEventMetadata();
        assertThat(metadata.get(EventMetadata.ACTOR).asText()).isEqualTo(key.id());
        assertThat(metadata.get(EventMetadata.ACTOR_NAME).asText()).isEqualTo("Zapier bridge");
        assertThat(metadata.get(EventMetadata.ACTING_USER).asText()).isEqualTo("user-42");
        assertThat(metadata.get(EventMetadata.DOOR).asText()).isEqualTo("native");
    }

    @Test
    void anActingUserNeverReplacesTheActor() throws IOException {
        var response = call("POST", at("/lost-reasons"), "{\"name\":\"Timing\"}", "X-Acting-User", "anonymous");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode metadata = lastEventMetadata();
        String operatorId = jdbc.queryForObject("SELECT id FROM security.api_key WHERE name LIKE 'operator%'",
                String.class);
        assertThat(metadata.get(EventMetadata.ACTOR).asText()).isEqualTo(operatorId);
        assertThat(metadata.get(EventMetadata.ACTING_USER).asText()).isEqualTo("anonymous");
    }

    @Test
    void refusedCommandsAppendNothing() {
        long before = eventCount();

        var anonymous = callWithKey(null, "POST", at("/lost-reasons"), "{\"name\":\"Budget\"}");
        var otherLocation = callWithKey(new KeyClient(port).create("elsewhere", List.of("elsewhere"),
                List.of("pipelines.write"), null).secret(), "POST", at("/lost-reasons"), "{\"name\":\"Budget\"}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(otherLocation.statusCode()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(before);
    }

    private JsonNode lastEventMetadata() throws IOException {
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM event_store.domain_event_entry"
                + " ORDER BY global_index DESC LIMIT 1", byte[].class);
        return JSON.readTree(metadata);
    }

}
