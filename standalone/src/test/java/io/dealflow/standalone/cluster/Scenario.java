package io.dealflow.standalone.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded, sequential scenario of commands over two api nodes (the same node twice for a single-node run): a
 * webhook subscription, a pipeline created on each node, lost reasons, then opportunities created, moved, won, lost,
 * abandoned, reopened and edited, a stage removed three quarters in, and every sixth command read back on the other
 * node with its {@code Consistency-Token}. The same seed makes the same commands in the same order on any target.
 */
final class Scenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OWNERS = List.of("ann", "bob", "cy");
    private static final List<String> SOURCES = List.of("web", "referral", "event");

    private final Random random;
    private final String base;
    private final String webhookUrl;
    private final List<Node> nodes;
    private final int killAt;
    private final Runnable atKill;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final List<String> statuses = new ArrayList<>();
    private final Map<String, List<String>> stages = new LinkedHashMap<>();
    private final Set<String> removedStages = new HashSet<>();
    private final List<String[]> deals = new ArrayList<>();
    private final int[] perNode = new int[2];
    private int reads;
    private int retriedReads;

    Scenario(long seed, String location, String webhookUrl, List<Node> nodes, int killAt, Runnable atKill) {
        this.random = new Random(seed);
        this.base = "/api/v1/locations/" + location;
        this.webhookUrl = webhookUrl;
        this.nodes = nodes;
        this.killAt = killAt;
        this.atKill = atKill;
    }

    ClusterIT.Run run() throws Exception {
        long started = System.nanoTime();
        JsonNode subscription = create(1, "/webhooks", """
                {"url": "%s", "events": ["OpportunityCreate", "OpportunityStageUpdate", "OpportunityStatusUpdate",
                 "OpportunityMonetaryValueUpdate", "OpportunityAssignedToUpdate", "OpportunityUpdate",
                 "OpportunityDelete"]}""".formatted(webhookUrl));
        ids.put("webhook", subscription.get("id").asText());
        pipeline(0, "pipeline-a", "Pipeline A", new String[]{"Lead", "Qualified", "Proposal", "Negotiation"},
                new int[]{10, 30, 60, 80});
        pipeline(1, "pipeline-b", "Pipeline B", new String[]{"New", "Demo", "Closing"}, new int[]{20, 50, 90});
        ids.put("lost-price", create(0, "/lost-reasons", "{\"name\": \"Price\"}").get("id").asText());
        ids.put("lost-timing", create(1, "/lost-reasons", "{\"name\": \"Timing\"}").get("id").asText());

        int commands = 0;
        for (int step = 0; step < ClusterIT.COMMANDS; step++) {
            if (step == killAt) {
                atKill.run();
            }
            int node = random.nextInt(2);
            perNode[node]++;
            commands++;
            if (step == ClusterIT.COMMANDS * 3 / 4) {
                removeStage(node);
                continue;
            }
            if (deals.isEmpty() || random.nextDouble() < 0.3) {
                createDeal(node);
            } else {
                changeDeal(node, step);
            }
        }
        return new ClusterIT.Run(Map.copyOf(ids), List.copyOf(statuses), commands + 6, perNode.clone(), reads,
                retriedReads, started, deals.stream().limit(12).map(deal -> deal[0]).toList());
    }

    private void pipeline(int node, String label, String name, String[] stageNames, int[] probabilities)
            throws Exception {
        StringBuilder body = new StringBuilder("{\"name\": \"" + name + "\", \"stages\": [");
        for (int i = 0; i < stageNames.length; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"name\": \"").append(stageNames[i])
                    .append("\", \"winProbability\": ").append(probabilities[i]).append('}');
        }
        JsonNode created = create(node, "/pipelines", body.append("]}").toString());
        ids.put(label, created.get("id").asText());
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < stageNames.length; i++) {
            String stage = label.replace("pipeline", "stage") + i;
            ids.put(stage, created.get("stages").get(i).get("id").asText());
            labels.add(stage);
        }
        stages.put(label, labels);
    }

    private void createDeal(int node) throws Exception {
        String label = "deal-" + deals.size();
        String pipeline = random.nextBoolean() ? "pipeline-a" : "pipeline-b";
        String body = """
                {"name": "%s", "pipelineId": "%s", "monetaryValue": %d, "assignedTo": "%s", "source": "%s",
                 "tags": ["t%d"]}""".formatted(label, ids.get(pipeline), 100 * (1 + random.nextInt(100)),
                OWNERS.get(random.nextInt(OWNERS.size())), SOURCES.get(random.nextInt(SOURCES.size())),
                random.nextInt(3));
        HttpResponse<String> answer = send(node, "POST", base + "/opportunities", body);
        if (answer.statusCode() == 201) {
            JsonNode created = JSON.readTree(answer.body());
            ids.put(label, created.get("id").asText());
            deals.add(new String[]{label, pipeline});
            readBack(node, label, answer);
        }
    }

    private void changeDeal(int node, int step) throws Exception {
        String[] deal = deals.get(random.nextInt(deals.size()));
        String path = base + "/opportunities/" + ids.get(deal[0]);
        double kind = random.nextDouble();
        HttpResponse<String> answer;
        if (kind < 0.30) {
            List<String> open = stages.get(deal[1]).stream().filter(stage -> !removedStages.contains(stage)).toList();
            String stage = open.get(random.nextInt(open.size()));
            answer = send(node, "POST", path + "/move-stage", "{\"stageId\": \"" + ids.get(stage) + "\"}");
        } else if (kind < 0.42) {
            answer = send(node, "POST", path + "/mark-won", "{}");
        } else if (kind < 0.54) {
            String reason = random.nextBoolean() ? "lost-price" : "lost-timing";
            answer = send(node, "POST", path + "/mark-lost", "{\"lostReasonId\": \"" + ids.get(reason) + "\"}");
        } else if (kind < 0.60) {
            answer = send(node, "POST", path + "/mark-abandoned", "{}");
        } else if (kind < 0.70) {
            answer = send(node, "POST", path + "/reopen", "{}");
        } else if (kind < 0.85) {
            answer = send(node, "PATCH", path, "{\"monetaryValue\": " + 100 * (1 + random.nextInt(100)) + "}");
        } else {
            answer = send(node, "PATCH", path,
                    "{\"assignedTo\": \"" + OWNERS.get(random.nextInt(OWNERS.size())) + "\"}");
        }
        if (step % 6 == 0 && answer.statusCode() == 200) {
            readBack(node, deal[0], answer);
        }
    }

    private void removeStage(int node) throws Exception {
        String path = base + "/pipelines/" + ids.get("pipeline-a") + "/stages/" + ids.get("stage-a1")
                + "?moveOpenTo=" + ids.get("stage-a0");
        send(node, "DELETE", path, null);
        removedStages.add("stage-a1");
    }

    /** Reads the deal on the other api node with the command's token: it must show at least that version. */
    private void readBack(int node, String label, HttpResponse<String> command) throws Exception {
        String token = command.headers().firstValue("Consistency-Token").orElseThrow();
        long version = JSON.readTree(command.body()).get("version").asLong();
        Node other = nodes.get(1 - node);
        HttpResponse<String> read = other.call("GET", base + "/opportunities/" + ids.get(label), null,
                "Consistency-Token", token);
        // Past its 5 s wait a read answers 503 with Retry-After, as while a killed node's segments are not yet taken
        // over; a client then retries, and so does this one (a few times).
        for (int retry = 0; read.statusCode() == 503 && retry < 5; retry++) {
            retriedReads++;
            System.out.println("read of " + label + " on " + other + " with token " + token + " answered 503;"
                    + " projections: " + other.call("GET", "/api/v1/admin/projections", null).body()
                    + " tokens: " + ClusterIT.tokenRows() + " at " + java.time.Instant.now());
            Thread.sleep(1000L * Long.parseLong(read.headers().firstValue("Retry-After").orElse("1")));
            read = other.call("GET", base + "/opportunities/" + ids.get(label), null, "Consistency-Token", token);
        }
        assertThat(read.statusCode()).as("read of " + label + " on " + other + ": " + read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("version").asLong()).as("version of " + label + " read on "
                + other + " with the token of the command on " + nodes.get(node)).isGreaterThanOrEqualTo(version);
        reads++;
    }

    private JsonNode create(int node, String path, String body) throws Exception {
        HttpResponse<String> answer = send(node, "POST", base + path, body);
        assertThat(answer.statusCode()).as("POST " + path + ": " + answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> send(int node, String method, String path, String body) throws Exception {
        HttpResponse<String> answer = nodes.get(node).call(method, path, body);
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(500);
        statuses.add(method + " " + answer.statusCode());
        return answer;
    }
}
