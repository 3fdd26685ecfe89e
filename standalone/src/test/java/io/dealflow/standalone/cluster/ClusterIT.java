package io.dealflow.standalone.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three nodes of the packaged server on one PostgreSQL behave like one node: node A ({@code api}), node B ({@code api,
 * projections, webhooks}) and node C ({@code projections, webhooks}, started first so it holds the segments) run a
 * seeded scenario of a few hundred commands spread over A and B, read back on the other api node with the
 * {@code Consistency-Token}, while C is killed with SIGKILL halfway. The same scenario then runs on one node of the same
 * jar on a second database, and boards, search totals, every report and the audit feed must match, every webhook event
 * must have reached the receiver, the projections must show no lag, and one key's rate limit must hold across A and B.
 *
 * <p>Real processes ({@code java -jar} of the jar {@code package} built), real HTTP, one embedded PostgreSQL; run by
 * failsafe after packaging.
 */
class ClusterIT {

    private static final long SEED = 20_261_207L;
    static final int COMMANDS = 240;
    private static final int KILL_AT = COMMANDS / 2;
    private static final String LOCATION = "cluster-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static WebhookReceiver receiver;
    private static Path work;
    private static final List<Node> started = new ArrayList<>();

    @BeforeAll
    static void startDatabaseAndReceiver() throws Exception {
        work = Files.createDirectories(Path.of("target", "cluster-it"));
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE cluster");
            statement.execute("CREATE DATABASE single");
        }
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopEverything() throws Exception {
        started.forEach(Node::stop);
        if (receiver != null) {
            receiver.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void threeNodesOnOneDatabaseAnswerLikeOneNode() throws Exception {
        long testStarted = System.nanoTime();
        Node c = start("node-c", "projections,webhooks", "cluster");
        c.awaitUp();
        awaitOwnerHoldsEverySegment("cluster", "node-c");
        Node a = start("node-a", "api", "cluster");
        Node b = start("node-b", "api,projections,webhooks", "cluster");
        a.awaitUp();
        b.awaitUp();
        assertThat(a.call("GET", "/api/v1/locations/x/pipelines", null).statusCode()).isEqualTo(200);
        assertThat(c.call("GET", "/api/v1/locations/x/pipelines", null).statusCode()).isEqualTo(404);
        assertThat(work.resolve("node-a-data").resolve("postgres")).as("no embedded PostgreSQL with a datasource URL")
                .doesNotExist();

        // C holds every segment; once B runs the projections too, C gives it its share of the read models.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> readModelOwners("cluster").keySet().containsAll(Set.of("node-b", "node-c")));
        Map<String, Integer> shared = readModelOwners("cluster");

        Takeover takeover = new Takeover("cluster", "node-c");
        Run cluster = new Scenario(SEED, LOCATION, receiver.url("/cluster"), List.of(a, b), KILL_AT,
                () -> takeover.killed(c)).run();
        assertThat(takeover.await()).as("segments of the killed node taken over").isLessThan(Duration.ofSeconds(10));
        assertThat(segmentOwners("cluster")).as("owners after the kill: node A has no projections role")
                .containsOnlyKeys("node-b");

        awaitNoLag(a);
        awaitWebhooksSettled(a, cluster, "/cluster");
        int rateLimited = rateLimitAcross(a, b);

        Node single = start("node-single", "api,projections,webhooks", "single");
        single.awaitUp();
        Run alone = new Scenario(SEED, LOCATION, receiver.url("/single"), List.of(single, single), KILL_AT,
                () -> { }).run();
        awaitNoLag(single);
        awaitWebhooksSettled(single, alone, "/single");

        assertThat(cluster.statuses()).as("answers to the same commands").isEqualTo(alone.statuses());
        Map<String, String> clusterLabels = labels(cluster, a);
        Map<String, String> singleLabels = labels(alone, single);
        int compared = 0;
        for (String query : queries(cluster)) {
            JsonNode onCluster = normalize(get(a, cluster.resolve(query)), clusterLabels);
            JsonNode onSingle = normalize(get(single, alone.resolve(query)), singleLabels);
            assertThat(onCluster).as(query).isEqualTo(onSingle);
            compared++;
        }
        JsonNode clusterAudit = normalize(auditFeed(a), clusterLabels);
        JsonNode singleAudit = normalize(auditFeed(single), singleLabels);
        Files.writeString(work.resolve("audit-cluster.json"), clusterAudit.toPrettyString());
        Files.writeString(work.resolve("audit-single.json"), singleAudit.toPrettyString());
        assertThat(clusterAudit).as("audit feed (target/cluster-it/audit-*.json)").isEqualTo(singleAudit);
        assertThat(clusterAudit.size()).isGreaterThan(COMMANDS / 2);

        Set<String> clusterIds = receiver.ids("/cluster");
        Set<String> expectedIds = webhookEventIds(a, cluster);
        assertThat(clusterIds).as("every webhook event delivered").containsAll(expectedIds);
        assertThat(clusterIds.size()).as("as many webhook events as on one node")
                .isEqualTo(receiver.ids("/single").size());

        System.out.printf("%nCLUSTER FIGURES: commands %d (%d on A, %d on B), reads with Consistency-Token %d"
                        + " (%d retried after a 503),"
                        + " read-model segments shared before the kill %s,"
                        + " node C killed after command %d at %.1f s into the scenario, segments taken over %.1f s"
                        + " later, webhook deliveries %d distinct events (%d requests, %d repeated), rate-limited key"
                        + " admitted %d of 120 requests (limit 40) across A and B, %d queries and %d audit events"
                        + " compared with one node, test took %d s%n%n",
                cluster.commands(), cluster.onNode(0), cluster.onNode(1), cluster.reads(), cluster.retriedReads(),
                shared, KILL_AT,
                takeover.killedAtSeconds(cluster), takeover.await().toMillis() / 1000.0, clusterIds.size(),
                receiver.requests("/cluster"), receiver.requests("/cluster") - clusterIds.size(), rateLimited,
                compared, clusterAudit.size(), Duration.ofNanos(System.nanoTime() - testStarted).toSeconds());
    }

    private static Node start(String name, String roles, String database) throws Exception {
        Node node = Node.start(name, roles, postgres.getJdbcUrl("postgres", database), work);
        started.add(node);
        return node;
    }

    /** Waits until every processor segment of the cluster (read models and outbox) is claimed by {@code owner}. */
    private static void awaitOwnerHoldsEverySegment(String database, String owner) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Map<String, Integer> owners = segmentOwners(database);
            return !owners.isEmpty() && owners.keySet().equals(Set.of(owner));
        });
    }

    /** How many segments each node holds, over {@code read_model.token_entry} and {@code webhooks.token_entry}. */
    static Map<String, Integer> segmentOwners(String database) throws Exception {
        Map<String, Integer> owners = new HashMap<>();
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(owner, '-') FROM read_model.token_entry"
                     + " UNION ALL SELECT coalesce(owner, '-') FROM webhooks.token_entry")) {
            while (rows.next()) {
                owners.merge(rows.getString(1), 1, Integer::sum);
            }
        } catch (java.sql.SQLException notYetMigrated) {
            return Map.of();
        }
        return owners;
    }

    /** How many read-model segments each node holds. */
    private static Map<String, Integer> readModelOwners(String database) throws Exception {
        Map<String, Integer> owners = new HashMap<>();
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT owner FROM read_model.token_entry WHERE owner IS NOT NULL")) {
            while (rows.next()) {
                owners.merge(rows.getString(1), 1, Integer::sum);
            }
        }
        return owners;
    }

    /** Every segment's processor, owner and claim time in the cluster's database, for failure messages. */
    static String tokenRows() {
        StringBuilder rows = new StringBuilder();
        try (Connection connection = postgres.getDatabase("postgres", "cluster").getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT processor_name, segment, owner, time_stamp"
                     + " FROM read_model.token_entry ORDER BY 1, 2")) {
            while (result.next()) {
                rows.append(result.getString(1)).append('/').append(result.getInt(2)).append('=')
                        .append(result.getString(3)).append('@').append(result.getString(4)).append(' ');
            }
        } catch (java.sql.SQLException e) {
            rows.append(e.getMessage());
        }
        return rows.toString();
    }

    private static void awaitNoLag(Node node) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode projections = get(node, "/api/v1/admin/projections");
            for (JsonNode projection : projections) {
                assertThat(projection.get("lag").asLong()).as(projection.get("name").asText()).isZero();
                assertThat(projection.get("deadLetterCount").asLong()).isZero();
            }
        });
    }

    private static void awaitWebhooksSettled(Node node, Run run, String path) throws Exception {
        String subscription = run.resolve("{webhook}");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode pending = get(node, "/api/v1/locations/" + LOCATION + "/webhooks/" + subscription
                    + "/deliveries?status=pending");
            assertThat(pending.get("items")).as("pending deliveries").isEmpty();
            assertThat(receiver.ids(path)).containsAll(webhookEventIds(node, run));
        });
        JsonNode dead = get(node, "/api/v1/locations/" + LOCATION + "/webhooks/" + subscription
                + "/deliveries?status=dead");
        assertThat(dead.get("items")).as("dead deliveries").isEmpty();
    }

    /** Event ids of every delivery the subscription has, from its delivery log. */
    private static Set<String> webhookEventIds(Node node, Run run) throws Exception {
        Set<String> ids = new HashSet<>();
        String path = "/api/v1/locations/" + LOCATION + "/webhooks/" + run.resolve("{webhook}") + "/deliveries";
        String cursor = null;
        do {
            JsonNode page = get(node, path + (cursor == null ? "" : "?cursor=" + cursor));
            page.get("items").forEach(item -> ids.add(item.get("eventId").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    /** A key limited to 40 requests per 10 s, hammered through A and B at once: 60 requests on each. */
    private static int rateLimitAcross(Node a, Node b) throws Exception {
        JsonNode key = JSON.readTree(a.call("POST", "/api/v1/admin/api-keys", """
                {"name": "limited", "locations": ["*"], "scopes": ["opportunities.readonly"], "rateLimitPer10s": 40}
                """).body());
        String secret = key.get("key").asText();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> admitted = new ArrayList<>();
            for (Node node : List.of(a, b)) {
                Callable<Integer> requests = () -> {
                    int ok = 0;
                    for (int i = 0; i < 60; i++) {
                        HttpResponse<String> answer = node.callAs(secret, "GET",
                                "/api/v1/locations/" + LOCATION + "/lost-reasons", null);
                        assertThat(answer.statusCode()).isIn(200, 429);
                        ok += answer.statusCode() == 200 ? 1 : 0;
                    }
                    return ok;
                };
                admitted.add(threads.submit(requests));
            }
            int total = admitted.get(0).get() + admitted.get(1).get();
            assertThat(total).as("requests admitted for a key limited to 40 per 10 s across two api nodes")
                    .isBetween(36, 44);
            return total;
        } finally {
            threads.shutdownNow();
        }
    }

    /** Every read compared between the cluster and one node, with {@code {label}} placeholders for ids. */
    private static List<String> queries(Run run) {
        String base = "/api/v1/locations/" + LOCATION;
        List<String> queries = new ArrayList<>();
        queries.add(base + "/pipelines");
        queries.add(base + "/lost-reasons");
        for (String status : List.of("open", "won", "lost", "abandoned", "all")) {
            queries.add(base + "/opportunities?status=" + status + "&limit=500");
        }
        queries.add(base + "/reports/conversion");
        queries.add(base + "/reports/velocity");
        for (String groupBy : List.of("none", "owner", "pipeline", "source", "month")) {
            queries.add(base + "/reports/win-rate?groupBy=" + groupBy);
        }
        for (String pipeline : List.of("{pipeline-a}", "{pipeline-b}")) {
            queries.add(base + "/pipelines/" + pipeline + "/board?limit=500");
            queries.add(base + "/opportunities?status=all&limit=500&pipelineId=" + pipeline);
            for (String report : List.of("funnel", "forecast", "stage-durations", "velocity", "conversion",
                    "win-rate")) {
                queries.add(base + "/reports/" + report + "?pipelineId=" + pipeline);
            }
        }
        for (String label : run.sampleOpportunities()) {
            queries.add(base + "/opportunities/{" + label + "}");
            queries.add(base + "/opportunities/{" + label + "}/history");
        }
        return queries;
    }

    private static JsonNode auditFeed(Node node) throws Exception {
        ArrayNode items = JSON.createArrayNode();
        String cursor = null;
        do {
            JsonNode page = get(node, "/api/v1/locations/" + LOCATION + "/audit/events?limit=1000"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(items::add);
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    /** Label of every id the scenario created, and of every API key (actors), for this run. */
    private static Map<String, String> labels(Run run, Node node) throws Exception {
        Map<String, String> labels = new HashMap<>();
        run.ids().forEach((label, id) -> labels.put(id, "{" + label + "}"));
        for (JsonNode key : get(node, "/api/v1/admin/api-keys").get("items")) {
            labels.put(key.get("id").asText(), "{key " + key.get("name").asText() + "}");
        }
        return labels;
    }

    /** Fields that differ between two runs of the same scenario by nature: clocks, positions, cursors. */
    private static final Set<String> RUN_SPECIFIC = Set.of("globalIndex", "correlationId", "nextCursor", "eventId",
            "requestId", "causationId",
            "consistencyToken", "avgSeconds", "medianSeconds", "p90Seconds", "openOverdue", "avgCycleDays",
            "velocityPerDay");

    /**
     * The answer with every known id replaced by its label, run-specific fields and times dropped, lists of deals
     * sorted by name (two runs order equal timestamps differently) and report groups by key (ids order them).
     */
    static JsonNode normalize(JsonNode node, Map<String, String> labels) {
        if (node.isTextual()) {
            String text = node.asText();
            return labels.containsKey(text) ? JSON.getNodeFactory().textNode(labels.get(text)) : node;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (RUN_SPECIFIC.contains(name) || name.endsWith("At") || name.equals("asOf")) {
                    continue;
                }
                String key = labels.getOrDefault(name, name);
                copy.set(key, normalize(field.getValue(), labels));
            }
            return copy;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(item -> items.add(normalize(item, labels)));
            boolean named = !items.isEmpty() && items.stream().allMatch(item -> item.path("name").isTextual()
                    && item.has("monetaryValue"));
            if (named) {
                items.sort((x, y) -> x.get("name").asText().compareTo(y.get("name").asText()));
            }
            // Report groups keyed by an id come in id order, which differs between runs; by label they compare.
            boolean keyed = !items.isEmpty() && items.stream().allMatch(item -> item.path("key").isTextual());
            if (keyed) {
                items.sort((x, y) -> x.get("key").asText().compareTo(y.get("key").asText()));
            }
            ArrayNode copy = JSON.createArrayNode();
            items.forEach(copy::add);
            return copy;
        }
        return node;
    }

    static JsonNode get(Node node, String path) throws Exception {
        HttpResponse<String> answer = node.call("GET", path, null);
        assertThat(answer.statusCode()).as("GET " + path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /**
     * Watches the token stores after a node was killed: how long until none of its segments is still claimed by it.
     */
    private static final class Takeover {

        private final String database;
        private final String owner;
        private volatile long killedAt;
        private volatile Duration took;
        private Thread watcher;

        Takeover(String database, String owner) {
            this.database = database;
            this.owner = owner;
        }

        void killed(Node node) {
            try {
                assertThat(segmentOwners(database)).as("segments before the kill").containsKey(owner);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            killedAt = System.nanoTime();
            node.kill();
            watcher = new Thread(() -> {
                while (true) {
                    try {
                        if (!segmentOwners(database).containsKey(owner)) {
                            took = Duration.ofNanos(System.nanoTime() - killedAt);
                            return;
                        }
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception retry) {
                        // the next poll tries again
                    }
                }
            }, "takeover-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        Duration await() throws InterruptedException {
            watcher.join(Duration.ofSeconds(60).toMillis());
            assertThat(took).as("the killed node's segments were taken over").isNotNull();
            return took;
        }

        double killedAtSeconds(Run run) {
            return (killedAt - run.startedNanos()) / 1e9;
        }
    }

    /** What a run of the scenario left: its ids by label, each command's status, and counts. */
    record Run(Map<String, String> ids, List<String> statuses, int commands, int[] perNode, int reads,
               int retriedReads, long startedNanos, List<String> sampleOpportunities) {

        int onNode(int node) {
            return perNode[node];
        }

        /** The path with every {label} replaced by this run's id. */
        String resolve(String template) {
            String path = template;
            for (Map.Entry<String, String> id : ids.entrySet()) {
                path = path.replace("{" + id.getKey() + "}", id.getValue());
            }
            return path;
        }
    }
}
