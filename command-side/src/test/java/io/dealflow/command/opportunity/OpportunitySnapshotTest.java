package io.dealflow.command.opportunity;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OpportunitySnapshotTest extends OpportunityApiSupport {

    @Test
    void loadsFromASnapshotTakenAfter100Events() {
        String id = createOpportunity();
        call("POST", opportunity(id, "/followers"), "{\"followers\": [\"u-1\"]}");
        String taskId = json(call("POST", opportunity(id, "/tasks"), "{\"title\": \"Call\"}")).get("taskId").asText();
        call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null);
        call("PATCH", opportunity(id, ""), "{\"monetaryValue\": 2500.50, \"tags\": [\"hot\"]}");
        long version = 6;
        for (int i = 0; i < 100; i++) {
            String stage = pipeline.stage(i % 2 == 0 ? 1 : 0);
            version = version(call("POST", opportunity(id, "/move-stage"), "{\"stageId\": \"" + stage + "\"}"));
        }
        assertThat(version).isEqualTo(106);

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, id) > 0);
        DomainEventStream stream = eventStore.readEvents(id);
        DomainEventMessage<?> first = stream.next();
        assertThat(first.getPayload()).as("the stream starts with the snapshot").isInstanceOf(Opportunity.class);
        assertThat(first.getSequenceNumber()).as("it covers at least 100 events").isGreaterThanOrEqualTo(99);

        // The loaded state is the full one: stage, value, tags, followers and tasks all survived.
        long events = eventCount();
        assertThat(version(call("POST", opportunity(id, "/move-stage"),
                "{\"stageId\": \"" + pipeline.stage(0) + "\"}", "If-Match", "\"106\""))).isEqualTo(106);
        assertThat(version(call("PATCH", opportunity(id, ""), "{\"monetaryValue\": 2500.5, \"tags\": [\"hot\"]}")))
                .isEqualTo(106);
        assertThat(version(call("POST", opportunity(id, "/followers"), "{\"followers\": [\"u-1\"]}"))).isEqualTo(106);
        assertThat(version(call("POST", opportunity(id, "/tasks/" + taskId + "/complete"), null))).isEqualTo(106);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(version(call("POST", opportunity(id, "/mark-won"), "{}", "If-Match", "\"106\""))).isEqualTo(107);
        assertThat(version(call("POST", opportunity(id, "/move-stage"),
                "{\"stageId\": \"" + pipeline.stage(2) + "\"}"))).isEqualTo(108);
    }
}
