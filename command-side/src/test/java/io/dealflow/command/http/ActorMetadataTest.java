package io.dealflow.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import io.dealflow.events.EventMetadata;
import io.dealflow.security.testsupport.KeyClient;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API key that sent a command is named in the metadata of the events it caused, with the acting user beside it.
 * Uses a probe command of its own until the real commands exist on this branch; the path and flow match theirs
 * (controller, {@link CommandSender}, command handler, event store).
 */
@Import({ActorMetadataTest.ProbeController.class, ActorMetadataTest.ProbeHandler.class})
class ActorMetadataTest extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordsTheKeyAsActorAndTheActingUserBesideIt() throws IOException {
        KeyClient.Key key = new KeyClient(port).create("Zapier bridge", List.of(location),
                List.of("opportunities.write"), null);

        var response = callWithKey(key.secret(), "POST", at("/opportunities/actor-probe"), "{}",
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
        var response = call("POST", at("/opportunities/actor-probe"), "{}", "X-Acting-User", "anonymous");

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

        var anonymous = callWithKey(null, "POST", at("/opportunities/actor-probe"), "{}");
        var otherLocation = callWithKey(new KeyClient(port).create("elsewhere", List.of("elsewhere"),
                List.of("opportunities.write"), null).secret(), "POST", at("/opportunities/actor-probe"), "{}");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(otherLocation.statusCode()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(before);
    }

    private JsonNode lastEventMetadata() throws IOException {
        byte[] metadata = jdbc.queryForObject("SELECT meta_data FROM event_store.domain_event_entry"
                + " ORDER BY global_index DESC LIMIT 1", byte[].class);
        return JSON.readTree(metadata);
    }

    /** The probe's command and event. */
    record ProbeActor(String locationId) {
    }

    record ActorProbed(String locationId) {
    }

    @RestController
    static class ProbeController {

        private final CommandSender sender;

        ProbeController(CommandSender sender) {
            this.sender = sender;
        }

        @PostMapping("/api/v1/locations/{locationId}/opportunities/actor-probe")
        ResponseEntity<CommandAnswer> probe(@PathVariable String locationId) {
            return sender.create(UUID.randomUUID().toString(), new ProbeActor(locationId));
        }
    }

    static class ProbeHandler {

        private final EventBus eventBus;

        ProbeHandler(EventBus eventBus) {
            this.eventBus = eventBus;
        }

        @CommandHandler
        void handle(ProbeActor command) {
            eventBus.publish(new GenericDomainEventMessage<>("ActorProbe", UUID.randomUUID().toString(), 0,
                    new ActorProbed(command.locationId())));
        }
    }
}
