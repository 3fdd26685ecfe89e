package io.dealflow.command.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealflow.command.CommandApiTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the opportunity HTTP tests share: a pipeline in the test's location, creating opportunities over HTTP, and
 * reading answers, problems and the stored events back.
 */
abstract class OpportunityApiSupport extends CommandApiTest {

    static final String PROBLEM_BASE = "https://dealflow.io/problems/";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EventStore eventStore;
    @Autowired
    PlatformTransactionManager transactionManager;

    PipelineSetup setup;
    PipelineSetup.CreatedPipeline pipeline;

    @BeforeEach
    void aPipeline() {
        setup = new PipelineSetup(eventStore, transactionManager);
        pipeline = setup.pipeline(location, "Lead", "Qualified", "Proposal");
    }

    /** Creates an opportunity in the first stage of {@link #pipeline} and answers its id. */
    String createOpportunity() {
        HttpResponse<String> created = call("POST", at("/opportunities"),
                "{\"name\": \"Big deal\", \"pipelineId\": \"" + pipeline.id() + "\", \"monetaryValue\": 1000}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("id").asText();
    }

    String opportunity(String id, String tail) {
        return at("/opportunities/" + id + tail);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static long version(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("version").asLong();
    }

    /** Asserts a problem answer: its status, its type, and that it is problem+json. */
    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).get("type").asText()).isEqualTo(PROBLEM_BASE + code);
    }

    /** Payload types of an aggregate's events, in sequence order. */
    List<String> eventTypes(String aggregateId) {
        return jdbc.queryForList("""
                SELECT payload_type FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", String.class, aggregateId)
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** The JSON payloads of an aggregate's events of one type, in sequence order. */
    List<JsonNode> payloads(String aggregateId, String simpleType) {
        return jdbc.queryForList("""
                SELECT payload FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE ? ORDER BY sequence_number""",
                byte[].class, aggregateId, "%." + simpleType).stream().map(bytes -> {
                    try {
                        return JSON.readTree(bytes);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
    }
}
