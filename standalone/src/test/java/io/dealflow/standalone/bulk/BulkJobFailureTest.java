package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.bulk.Worker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A job that cannot go on ends {@code failed} with its reason instead of retrying forever or ending completed: an
 * import whose pipeline was deleted before it ran, and an operation or import one of whose items keeps meeting an
 * unexpected error (here: a deal whose first stored event no longer reads, put back after the test).
 */
class BulkJobFailureTest extends BulkApiTest {

    @Autowired
    private Worker worker;

    @BeforeEach
    void setUp() {
        pipeline();
    }

    @Test
    void anImportWhosePipelineWasDeletedBeforeItRanEndsFailed() {
        String importId;
        worker.stop();
        try {
            HttpResponse<String> started = csv("POST", at("/imports?pipelineId=" + pipelineId), "name\nA\nB\n");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            importId = read(started).get("id").asText();
            ok(call("DELETE", at("/pipelines/" + pipelineId), null), 200);
        } finally {
            worker.start();
        }
        JsonNode done = finished("/imports/", importId);

        assertThat(done.get("status").asText()).isEqualTo("failed");
        assertThat(done.get("problem").asText()).contains("pipeline " + pipelineId + " was deleted");
        assertThat(done.get("rows").asInt()).isEqualTo(2);
        assertThat(done.get("created").asInt() + done.get("failed").asInt()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(ok(caughtUp(at("/opportunities?status=all"), head()), 200).get("items")).isEmpty();
    }

    @Test
    void anUndoWhoseDealKeepsMeetingAnUnexpectedErrorEndsFailedAfterTheOthersWentBack() {
        List<String> ids = deals(2);
        String operationId = finished(start("{\"action\": \"mark-won\", \"ids\": "
                + BulkOperationApiTest.quoted(ids) + "}").get("id").asText()).get("id").asText();
        JsonNode undone;
        byte[] original = unreadable(ids.get(1));
        try {
            HttpResponse<String> undo = call("POST", at("/bulk-operations/" + operationId + "/undo"), null);
            assertThat(undo.statusCode()).as(undo.body()).isEqualTo(202);
            undone = finished(read(undo).get("id").asText());
        } finally {
            restore(ids.get(1), original);
        }

        assertThat(undone.get("status").asText()).isEqualTo("failed");
        assertThat(undone.get("problem").asText()).contains("deal " + ids.get(1)).contains("3 times in a row");
        assertThat(undone.get("succeeded").asInt()).isEqualTo(1);
        assertThat(undone.get("failed").asInt() + undone.get("unchanged").asInt()).isZero();
        assertThat(opportunity(ids.get(0)).get("status").asText()).isEqualTo("open");
        assertThat(opportunity(ids.get(1)).get("status").asText()).isEqualTo("won");
        JsonNode listed = ok(call("GET", at("/bulk-operations?limit=1"), null), 200).get("items").get(0);
        assertThat(listed.get("status").asText()).isEqualTo("failed");
        assertThat(listed.get("problem").asText()).isEqualTo(undone.get("problem").asText());
        // The operation that succeeded says nothing went wrong.
        assertThat(ok(call("GET", at("/bulk-operations/" + operationId), null), 200).get("problem").isNull())
                .isTrue();
    }

    @Test
    void anImportWhoseRowKeepsMeetingAnUnexpectedErrorEndsFailedWithTheRowsAfterItLeftAlone() {
        JsonNode first = finished("/imports/", read(csv("POST", at("/imports?pipelineId=" + pipelineId),
                "name,externalId\nAcme,ext-1\n")).get("id").asText());
        assertThat(first.get("created").asInt()).isEqualTo(1);
        String acme = ok(caughtUp(at("/opportunities?status=all"), head()), 200).get("items").get(0).get("id")
                .asText();
        JsonNode second;
        byte[] original = unreadable(acme);
        try {
            second = finished("/imports/", read(csv("POST", at("/imports?pipelineId=" + pipelineId),
                    "name,externalId\nBefore,ext-0\nAcme renamed,ext-1\nAfter,ext-2\n")).get("id").asText());
        } finally {
            restore(acme, original);
        }

        assertThat(second.get("status").asText()).isEqualTo("failed");
        assertThat(second.get("problem").asText()).contains("row 3").contains("3 times in a row");
        assertThat(second.get("created").asInt()).isEqualTo(1);
        assertThat(second.get("updated").asInt() + second.get("failed").asInt()).isZero();
        List<String> names = new ArrayList<>();
        ok(caughtUp(at("/opportunities?status=all"), head()), 200).get("items")
                .forEach(item -> names.add(item.get("name").asText()));
        assertThat(names).containsExactlyInAnyOrder("Acme", "Before");
    }

    /** Makes the deal's first stored event unreadable; answers its bytes. */
    private byte[] unreadable(String opportunityId) {
        byte[] original = jdbc.queryForObject("SELECT payload FROM event_store.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = 0", byte[].class, opportunityId);
        jdbc.update("UPDATE event_store.domain_event_entry SET payload = ? WHERE aggregate_identifier = ?"
                + " AND sequence_number = 0", "{not json".getBytes(StandardCharsets.UTF_8), opportunityId);
        return original;
    }

    private void restore(String opportunityId, byte[] payload) {
        jdbc.update("UPDATE event_store.domain_event_entry SET payload = ? WHERE aggregate_identifier = ?"
                + " AND sequence_number = 0", payload, opportunityId);
    }
}
