package io.dealflow.command.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityConcurrencyTest extends OpportunityApiSupport {

    private static final int REQUESTS = 20;

    @Test
    void concurrentMovesLoseNoUpdateAndCountEveryEffectiveMove() throws Exception {
        String id = createOpportunity();
        String first = pipeline.stage(0);
        String second = pipeline.stage(1);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                String target = i % 2 == 0 ? second : first;
                answers.add(clients.submit(() -> {
                    start.await();
                    return call("POST", opportunity(id, "/move-stage"), "{\"stageId\": \"" + target + "\"}");
                }));
            }
            start.countDown();
            List<Long> versions = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                versions.add(version(answer.get()));
            }

            List<JsonNode> moves = payloads(id, "OpportunityStageMoved");
            long finalVersion = eventTypes(id).size();
            assertThat(finalVersion).isEqualTo(1 + moves.size());
            // Each effective move answered its own new version; a move to the stage the deal was in answered the
            // version it found. So the answers are exactly the versions 2..final, plus 1 if the first request lost.
            assertThat(versions).allSatisfy(version -> assertThat(version).isBetween(1L, finalVersion));
            assertThat(versions).containsAll(LongStream.rangeClosed(2, finalVersion).boxed().toList());
            assertThat(versions.stream().distinct().count()).isLessThanOrEqualTo(finalVersion);
            // No lost update: every move starts where the previous one ended.
            String stage = first;
            for (JsonNode move : moves) {
                assertThat(move.get("fromStageId").asText()).isEqualTo(stage);
                assertThat(move.get("toStageId").asText()).isNotEqualTo(stage);
                stage = move.get("toStageId").asText();
            }
            assertThat(jdbc.queryForObject(
                    "SELECT stage_id FROM command_model.opportunity_lookup WHERE opportunity_id = ?", String.class, id))
                    .isEqualTo(stage);
        } finally {
            clients.shutdownNow();
        }
    }
}
