package io.dealflow.query.deadletter;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.eventstore.EventStoreLayout;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.security.testsupport.TestKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot apply is parked in that projection's dead-letter queue with the later events of its
 * deal, while every other deal flows on; operators see it with its error, in metrics and in health, and retry it after
 * a fix. Poison is written straight into the event store, as old data or a bug would leave it.
 */
@Import(DeadLetterTest.Fault.class)
class DeadLetterTest extends QueryApiTest {

    /** A rename the board's extra handler refuses until the "fix" is deployed. */
    static final String REFUSED_NAME = "refused until fixed";

    @Autowired
    private ProcessorPositions positions;
    @Autowired
    private Fault fault;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aPoisonEventIsParkedWithItsDealWhileTheStreamFlowsOnAndIsRetriedAfterAFix() {
        // Other tests of this class park events of their own in the same database.
        long parkedBefore = view(json(get("/api/v1/admin/projections")), ReadModels.BOARD).get("deadLetterCount")
                .asLong();
        long opportunitiesParkedBefore = view(json(get("/api/v1/admin/projections")), ReadModels.OPPORTUNITIES)
                .get("deadLetterCount").asLong();
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Won");
        OpportunityCreated tooLong = Given.opportunity(sales, 0, "Too long", "100", "ann");
        OpportunityCreated refused = Given.opportunity(sales, 0, "Refused", "200", "ann");
        OpportunityCreated unreadable = Given.opportunity(sales, 0, "Unreadable", "300", "ann");
        List<OpportunityCreated> healthy = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            healthy.add(Given.opportunity(sales, 0, "Healthy " + i, "10", "bob"));
        }
        events.append(sales, tooLong, refused, unreadable);
        // One batch: healthy deals around a rename the board's columns cannot hold (it fails only when the batch
        // writes), a rename a handler refuses, and later events of the first poisoned deal.
        List<Object> batch = new ArrayList<>(healthy.subList(0, 10));
        batch.add(new OpportunityRenamed(tooLong.opportunityId(), location, "x".repeat(300)));
        batch.add(new OpportunityRenamed(refused.opportunityId(), location, REFUSED_NAME));
        batch.add(move(sales, tooLong));
        batch.addAll(healthy.subList(10, 20));
        events.append(batch.toArray());
        appendUnreadableRename(unreadable);
        String head = events.append(new OpportunityRenamed(healthy.get(0).opportunityId(), location, "Renamed after"));

        await().atMost(Duration.ofMinutes(1)).until(() -> positions.cover(Long.parseLong(head), ReadModels.ALL));

        JsonNode board = read(at("/pipelines/" + sales.pipelineId() + "/board?limit=100"), head);
        JsonNode newStage = board.get("stages").get(0);
        assertThat(newStage.get("count").asInt()).as("every healthy deal and the three poisoned ones, once each")
                .isEqualTo(23);
        assertThat(newStage.get("totalValue").decimalValue()).isEqualByComparingTo("800");
        assertThat(names(newStage)).contains("Renamed after", "Too long", "Refused", "Unreadable")
                .doesNotContain(REFUSED_NAME);
        assertThat(board.get("stages").get(1).get("count").asInt())
                .as("the move behind the parked rename waits with it").isZero();

        // An idle segment writes its position once per claim extension, so the lag reaches zero shortly after.
        await().atMost(Duration.ofSeconds(10)).until(() ->
                view(json(get("/api/v1/admin/projections")), ReadModels.BOARD).get("lag").asLong() == 0);
        JsonNode projections = json(get("/api/v1/admin/projections"));
        JsonNode boardView = view(projections, ReadModels.BOARD);
        assertThat(boardView.get("deadLetterCount").asLong()).as("rename + move, refused rename, unreadable rename")
                .isEqualTo(parkedBefore + 4);
        assertThat(boardView.get("deadLetters").toString()).contains("value too long", "refused by the fault",
                "OpportunityStageMoved");
        assertThat(view(projections, ReadModels.OPPORTUNITIES).get("deadLetterCount").asLong())
                .as("too long for the opportunity table too, and unreadable").isEqualTo(opportunitiesParkedBefore + 3);
        assertThat(meters.get("dealflow.projection.dead.letters").tag("projection", ReadModels.BOARD).gauge().value())
                .isEqualTo(parkedBefore + 4.0);
        JsonNode metric = json(get("/actuator/metrics/dealflow.projection.dead.letters?tag=projection:board"));
        assertThat(metric.at("/measurements/0/value").asDouble()).isEqualTo(parkedBefore + 4.0);
        JsonNode health = json(get("/actuator/health"));
        assertThat(health.get("status").asText()).as("parked events do not take the node out").isEqualTo("UP");
        assertThat(health.at("/components/projections/status").asText()).isEqualTo("DEAD_LETTERS");

        // The fix: the handler accepts the rename, and the board takes longer names.
        fault.fixed = true;
        jdbc.execute("ALTER TABLE read_model.board_card ALTER COLUMN name TYPE VARCHAR(1000)");
        // Pooled connections keep plans of the old column type; a deployment restarts with fresh ones.
        ((HikariDataSource) jdbc.getDataSource()).getHikariPoolMXBean().softEvictConnections();
        JsonNode retried = json(post("/api/v1/admin/projections/board/dead-letters/retry"));
        assertThat(retried.get("error").isNull()).as(retried.toString()).isTrue();
        assertThat(retried.get("released").asLong()).isEqualTo(3);
        assertThat(retried.get("remaining").asLong()).as("the unreadable event stays parked")
                .isEqualTo(parkedBefore + 1);
        List<String> left = new ArrayList<>();
        json(get("/api/v1/admin/projections/board/dead-letters")).get("items")
                .forEach(letter -> left.add(letter.get("aggregateId").asText()));
        assertThat(left).contains(unreadable.opportunityId())
                .doesNotContain(tooLong.opportunityId(), refused.opportunityId());

        JsonNode fixed = read(at("/pipelines/" + sales.pipelineId() + "/board?limit=100"), head);
        assertThat(names(fixed.get("stages").get(0))).contains(REFUSED_NAME).doesNotContain("Too long");
        assertThat(names(fixed.get("stages").get(1))).containsExactly("x".repeat(300));
        assertThat(fixed.get("stages").get(0).get("count").asInt() + fixed.get("stages").get(1).get("count").asInt())
                .isEqualTo(23);
    }

    @Test
    void textStoredBeforeTheEdgeRefusedItIsProjectedWithReplacementCharacters() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Nul\u0000here \uD800alone", "5", "ann");
        String head = events.append(sales, deal);

        JsonNode detail = read(at("/opportunities/" + deal.opportunityId()), head);
        assertThat(detail.get("name").asText()).isEqualTo("Nul\uFFFDhere \uFFFDalone");
        JsonNode board = read(at("/pipelines/" + sales.pipelineId() + "/board"), head);
        assertThat(names(board.get("stages").get(0))).containsExactly("Nul\uFFFDhere \uFFFDalone");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.dead_letter_entry WHERE aggregate_identifier = ?",
                Long.class, deal.opportunityId())).isZero();
    }

    @Test
    void aRebuildThatMeetsAnEventItCannotApplySaysSoAndTheOldTablesKeepServing() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Kept", "7", "ann");
        events.append(sales, deal);
        appendUnreadableRename(deal);
        String head = events.append(Given.opportunity(sales, 0, "Later", "1", "bob"));
        await().atMost(Duration.ofMinutes(1)).until(() -> positions.cover(Long.parseLong(head), ReadModels.ALL));

        assertThat(json(post("/api/v1/admin/projections/board/rebuild", 202)).get("state").asText())
                .isIn("running", "failed");
        await().atMost(Duration.ofMinutes(1)).until(() ->
                !view(json(get("/api/v1/admin/projections")), ReadModels.BOARD).at("/rebuild/state").asText()
                        .equals("running"));

        JsonNode rebuild = view(json(get("/api/v1/admin/projections")), ReadModels.BOARD).get("rebuild");
        assertThat(rebuild.get("state").asText()).isEqualTo("failed");
        assertThat(rebuild.get("error").asText()).isNotBlank();
        JsonNode board = read(at("/pipelines/" + sales.pipelineId() + "/board"), head);
        assertThat(names(board.get("stages").get(0))).containsExactlyInAnyOrder("Kept", "Later");
    }

    private OpportunityStageMoved move(PipelineCreated sales, OpportunityCreated deal) {
        return new OpportunityStageMoved(deal.opportunityId(), location, sales.pipelineId(), deal.stageId(),
                sales.pipelineId(), sales.stages().get(1).id());
    }

    /** A rename whose name is an object: no handler can read it, whatever is fixed. */
    private void appendUnreadableRename(OpportunityCreated deal) {
        String payload = "{\"opportunityId\":\"" + deal.opportunityId() + "\",\"locationId\":\"" + location
                + "\",\"name\":{\"not\":\"text\"}}";
        jdbc.update("INSERT INTO " + EventStoreLayout.EVENT_TABLE + " (event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, 'Opportunity', ?, ?, '1', ?, ?)",
                UUID.randomUUID().toString(), deal.opportunityId(), events.version(deal.opportunityId()),
                Instant.now().toString(), OpportunityRenamed.class.getName(),
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> names(JsonNode stage) {
        List<String> names = new ArrayList<>();
        stage.get("opportunities").forEach(card -> names.add(card.get("name").asText()));
        return names;
    }

    private static JsonNode view(JsonNode projections, String name) {
        for (JsonNode projection : projections) {
            if (projection.get("name").asText().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError("no projection " + name + " in " + projections);
    }

    private HttpResponse<String> post(String path) {
        return post(path, 200);
    }

    private HttpResponse<String> post(String path, int status) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + TestKeys.OPERATOR)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A board handler with a bug: it refuses one name until {@link #fixed}. */
    @TestConfiguration
    static class Fault {

        volatile boolean fixed;

        @Bean
        RefusingBoardHandler refusingBoardHandler() {
            return new RefusingBoardHandler(this);
        }
    }

    @ProcessingGroup(ReadModels.BOARD)
    record RefusingBoardHandler(Fault fault) {
        @EventHandler
        void on(OpportunityRenamed event) {
            if (!fault.fixed && REFUSED_NAME.equals(event.name())) {
                throw new IllegalStateException("refused by the fault under test");
            }
        }
    }
}
