package io.dealflow.benchmarks.harness;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The commands scenario's traffic: 50% create, 40% move-stage, 10% mark-won or mark-lost, over pipelines created at
 * the start. Each client owns the deals it created, so clients do not race each other on one aggregate (conflicts
 * would measure retries, not throughput).
 */
final class CommandMix {

    static final int STAGES = 5;

    /** A pipeline and its stage ids, in board order. */
    record Pipeline(String id, List<String> stageIds) {
    }

    private final Api api;
    private final String base;
    private final List<Pipeline> pipelines;

    private CommandMix(Api api, String location, List<Pipeline> pipelines) {
        this.api = api;
        this.base = "/api/v1/locations/" + location;
        this.pipelines = pipelines;
    }

    /** Creates {@code count} pipelines of {@link #STAGES} stages in the location, over the API. */
    static CommandMix withPipelines(Api api, String location, int count) {
        List<Pipeline> pipelines = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            List<Map<String, Object>> stages = new ArrayList<>();
            for (int s = 0; s < STAGES; s++) {
                stages.add(Map.of("name", "Stage " + s, "winProbability", 10 + 20 * s));
            }
            JsonNode created = api.post("/api/v1/locations/" + location + "/pipelines",
                    Map.of("name", "Pipeline " + p, "stages", stages)).expectOk("creating a pipeline").json();
            List<String> stageIds = new ArrayList<>();
            created.get("stages").forEach(stage -> stageIds.add(stage.get("id").asText()));
            pipelines.add(new Pipeline(created.get("id").asText(), stageIds));
        }
        return new CommandMix(api, location, pipelines);
    }

    List<Pipeline> pipelines() {
        return pipelines;
    }

    String base() {
        return base;
    }

    Client client(int number) {
        return new Client(new Random(number));
    }

    /** An open deal a client owns, where it is now. */
    static final class Deal {
        final String id;
        final Pipeline pipeline;
        int stage;

        Deal(String id, Pipeline pipeline, int stage) {
            this.id = id;
            this.pipeline = pipeline;
            this.stage = stage;
        }
    }

    /** One client: its random numbers and its open deals. Used by one thread at a time. */
    final class Client {

        private final Random random;
        private final List<Deal> open = new ArrayList<>();
        private long created;

        private Client(Random random) {
            this.random = random;
        }

        /** The next request of the mix. */
        boolean next() {
            int roll = random.nextInt(100);
            if (roll < 50 || open.isEmpty()) {
                return create();
            }
            return roll < 90 ? move() : close();
        }

        boolean create() {
            Pipeline pipeline = pipelines.get(random.nextInt(pipelines.size()));
            long number = ++created;
            Api.Answer answer = api.post(base + "/opportunities", Map.of(
                    "name", "Deal " + number + " " + Words.pick(random),
                    "pipelineId", pipeline.id(),
                    "monetaryValue", random.nextInt(1_000_000) / 100.0,
                    "contact", Map.of("name", "Contact " + number, "email", "c" + number + "@example.com",
                            "companyName", Words.pick(random) + " Corp"),
                    "source", "source" + random.nextInt(5),
                    "assignedTo", "owner" + random.nextInt(20),
                    "tags", List.of("tag" + random.nextInt(10))));
            if (answer.status() != 201) {
                return false;
            }
            open.add(new Deal(answer.json().get("id").asText(), pipeline, 0));
            return true;
        }

        /** Moves a deal to another stage of its pipeline: always a change, so always an event. */
        boolean move() {
            return moveAndAnswer(open.get(random.nextInt(open.size()))).status() == 200;
        }

        Api.Answer moveAndAnswer(Deal deal) {
            int stage = (deal.stage + 1 + random.nextInt(STAGES - 1)) % STAGES;
            Api.Answer answer = api.post(base + "/opportunities/" + deal.id + "/move-stage",
                    Map.of("stageId", deal.pipeline.stageIds().get(stage)));
            if (answer.status() == 200) {
                deal.stage = stage;
            }
            return answer;
        }

        boolean close() {
            Deal deal = open.remove(random.nextInt(open.size()));
            Api.Answer answer = random.nextBoolean()
                    ? api.post(base + "/opportunities/" + deal.id + "/mark-won", "{}")
                    : api.post(base + "/opportunities/" + deal.id + "/mark-lost", Map.of("lostReason", "budget"));
            return answer.status() == 200;
        }

        Deal anyOpenDeal() {
            return open.get(random.nextInt(open.size()));
        }
    }
}
