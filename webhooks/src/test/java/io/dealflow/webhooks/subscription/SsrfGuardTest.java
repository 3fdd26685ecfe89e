package io.dealflow.webhooks.subscription;

import io.dealflow.webhooks.Receiver;
import io.dealflow.webhooks.WebhookApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.dealflow.webhooks.OpportunityEvents.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The server as deployed: private targets refused. */
@TestPropertySource(properties = "dealflow.webhooks.allow-private-targets=false")
class SsrfGuardTest extends WebhookApiTest {

    @Test
    void refusesPrivateTargetsByDefault() {
        for (String url : new String[]{"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://10.0.0.7/hook",
                "http://192.168.0.1/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:9000/hook"}) {
            HttpResponse<String> response = call("POST", at("/webhooks"),
                    "{\"url\":\"" + url + "\",\"events\":[\"OpportunityCreate\"]}");

            assertThat(response.statusCode()).as(url).isEqualTo(422);
            assertThat(read(response).get("errors").get(0).get("field").asText()).isEqualTo("url");
        }
        assertThat(rowsHere()).isZero();
    }

    @Test
    void acceptsPublicTargetButNoPrivateOneByPatch() {
        String id = subscribe("http://93.184.216.34/hook", "OpportunityCreate").get("id").asText();

        HttpResponse<String> patched = call("PATCH", at("/webhooks/" + id), "{\"url\":\"http://10.1.1.1/hook\"}");

        assertThat(patched.statusCode()).isEqualTo(422);
        assertThat(read(call("GET", at("/webhooks/" + id), null)).get("url").asText())
                .isEqualTo("http://93.184.216.34/hook");
    }

    @Test
    void checksTheTargetAgainBeforeEverySend() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            String id = subscribe("http://93.184.216.34/hook", "OpportunityCreate").get("id").asText();
            // As if the name had been re-pointed at a private address after it was accepted.
            jdbc.update("UPDATE webhooks.subscription SET url = ? WHERE subscription_id = ?", receiver.url(), id);
            String opportunity = "opp-" + UUID.randomUUID();
            events.append(opportunity, created(opportunity, location, "p-1", "s-1"));

            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var items = read(call("GET", at("/webhooks/" + id + "/deliveries"), null)).get("items");
                return items.size() == 1 && items.get(0).get("attempts").asInt() > 0;
            });
            assertThat(read(call("GET", at("/webhooks/" + id + "/deliveries"), null)).get("items").get(0)
                    .get("lastError").asText()).contains("private");
            assertThat(receiver.requests()).isEmpty();
        }
    }
}
