package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.test.context.TestContextManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The hostile-input suite: for every operation of the server's own OpenAPI document, requests with hostile path
 * variables, query parameters, headers ({@code Idempotency-Key}, {@code If-Match}, {@code Consistency-Token}),
 * content types, body fields and whole bodies. Whatever comes in, the server never answers 5xx, every 4xx is a
 * problem (HighLevel's JSON error shape on its paths), and a refused request leaves the event store as it was.
 *
 * <p>Generated with jqwik from a fixed seed, so a CI failure reproduces; {@code -Ddealflow.hostile.seed=<seed>}
 * explores other inputs and {@code -Ddealflow.hostile.tries=<n>} changes how many ({@link HostileSeed}).
 */
@AddLifecycleHook(HostileSeed.class)
class HostileRequestsTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "\u0001hostile\u0001";
    private static final String QUOTED_MARKER = "\"\\u0001hostile\\u0001\"";
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/json; charset=UTF-16", "application/json; charset=nope", "application/x-www-form-urlencoded",
            "multipart/form-data", "multipart/form-data; boundary=x", "a/b/c", "garbage", "", "*/*",
            "application/problem+json", "application/json;;;", "application/json; charset=\u0000");

    private List<ApiOperation> operations;
    private final Map<String, String> ids = new HashMap<>();
    private final List<String> stageIds = new ArrayList<>();
    private final List<String> realCursors = new ArrayList<>();

    @BeforeProperty
    void serverWithSomethingInIt() throws Exception {
        // jqwik runs this class, so Spring's test context (shared with the JUnit tests) is attached by hand.
        new TestContextManager(getClass()).prepareTestInstance(this);
        newLocation();
        JsonNode pipeline = created(call("POST", at("/pipelines"), """
                {"name":"Fuzz","stages":[{"name":"One","winProbability":10},{"name":"Two","winProbability":50},
                 {"name":"Three","winProbability":90}]}"""));
        ids.put("pipeline", pipeline.get("id").asText());
        pipeline.get("stages").forEach(stage -> stageIds.add(stage.get("id").asText()));
        String quiet = created(call("POST", at("/pipelines"),
                "{\"name\":\"Quiet\",\"stages\":[{\"name\":\"Q\",\"winProbability\":10}]}")).get("id").asText();
        ids.put("opportunity", created(call("POST", at("/opportunities"), "{\"name\":\"Deal\",\"pipelineId\":\""
                + ids.get("pipeline") + "\",\"monetaryValue\":10}")).get("id").asText());
        JsonNode last = null;
        for (int i = 0; i < 3; i++) {
            last = created(call("POST", at("/opportunities"), "{\"name\":\"Other " + i + "\",\"pipelineId\":\""
                    + ids.get("pipeline") + "\",\"stageId\":\"" + stageIds.get(2) + "\"}"));
        }
        ids.put("lostReason", created(call("POST", at("/lost-reasons"), "{\"name\":\"Price\"}")).get("id").asText());
        ids.put("task", json(call("POST", at("/opportunities/" + ids.get("opportunity") + "/tasks"),
                "{\"title\":\"Call\"}")).get("taskId").asText());
        // Subscribed to a pipeline nothing happens in, so no delivery is ever attempted.
        ids.put("subscription", created(call("POST", at("/webhooks"), "{\"url\":\"https://93.184.215.14/hook\","
                + "\"events\":[\"OpportunityCreate\"],\"pipelineId\":\"" + quiet + "\"}")).get("id").asText());
        ids.put("apiKey", created(call("POST", "/api/v1/admin/api-keys", "{\"name\":\"fuzz\",\"locations\":[\""
                + location + "\"],\"scopes\":[\"opportunities.readonly\"]}")).get("id").asText());
        String token = last.get("consistencyToken").asText();
        for (String page : List.of("/opportunities?limit=1", "/opportunities?status=all&limit=1",
                "/pipelines/" + ids.get("pipeline") + "/board?limit=1",
                "/opportunities/" + ids.get("opportunity") + "/history?limit=1", "/audit/events?limit=1")) {
            JsonNode answer = json(call("GET", at(page), null, "Consistency-Token", token));
            answer.findValues("nextCursor").stream().filter(JsonNode::isTextual)
                    .forEach(cursor -> realCursors.add(cursor.asText()));
        }
        operations = ApiOperation.all(json(call("GET", "/v3/api-docs", null)));
    }

    @Property(tries = 400, seed = HostileSeed.DEFAULT, shrinking = ShrinkingMode.BOUNDED, edgeCases = EdgeCasesMode.NONE)
    void anyOperationRefusesHostileInputWithAProblemAndChangesNothing(
            @ForAll("hostileRequests") HostileRequest request) {
        check(request);
    }

    /** Not left to chance: every operation of the document gets a hostile value in each place it takes input. */
    @Example
    void everyOperationOfTheDocumentIsAttackedInEveryPlace() {
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(50);
        for (ApiOperation operation : operations) {
            for (String variable : operation.pathVariables()) {
                check(new HostileRequest(operation, Place.PATH, variable, "a%00b"));
                check(new HostileRequest(operation, Place.PATH, variable, "%ED%A0%80"));
            }
            for (String parameter : operation.queryParameters()) {
                check(new HostileRequest(operation, Place.QUERY, parameter, "%00"));
                check(new HostileRequest(operation, Place.QUERY, parameter, HostileValues.percentEncode("1e999999999")));
            }
            for (String header : headers(operation)) {
                check(new HostileRequest(operation, Place.HEADER, header, "99999999999999999999"));
            }
            if (operation.takesBody()) {
                check(new HostileRequest(operation, Place.BODY, null, "{\"a\":"));
                check(new HostileRequest(operation, Place.CONTENT_TYPE, null, "text/plain"));
                for (String field : operation.bodyFields()) {
                    check(new HostileRequest(operation, Place.FIELD, field, "\"\\u0000\\uD800\""));
                    check(new HostileRequest(operation, Place.FIELD, field, "[{}]"));
                }
            }
        }
    }

    @Provide
    Arbitrary<HostileRequest> hostileRequests() {
        return Arbitraries.of(operations).flatMap(operation -> {
            List<Arbitrary<HostileRequest>> places = new ArrayList<>();
            for (String variable : operation.pathVariables()) {
                places.add(HostileValues.urlValues(textFor(variable))
                        .map(value -> new HostileRequest(operation, Place.PATH, variable, value)));
            }
            for (String parameter : operation.queryParameters()) {
                places.add(HostileValues.urlValues(textFor(parameter))
                        .map(value -> new HostileRequest(operation, Place.QUERY, parameter, value)));
            }
            for (String header : headers(operation)) {
                places.add(textFor(header).map(value -> new HostileRequest(operation, Place.HEADER, header, value)));
            }
            if (operation.takesBody()) {
                places.add(HostileValues.malformedBodies().map(body -> new HostileRequest(operation, Place.BODY, null,
                        new String(body, StandardCharsets.ISO_8859_1))));
                places.add(Arbitraries.of(CONTENT_TYPES)
                        .map(type -> new HostileRequest(operation, Place.CONTENT_TYPE, null, type)));
                for (String field : operation.bodyFields()) {
                    places.add(HostileValues.jsonValues(realCursors)
                            .map(value -> new HostileRequest(operation, Place.FIELD, field, value)));
                }
            }
            return Arbitraries.oneOf(places);
        });
    }

    private void check(HostileRequest request) {
        Digest before = digest();
        RawHttp.Answer answer = send(request);
        String what = request + "\n answered " + answer.status() + " " + answer.contentType() + ": "
                + RawHttp.abbreviate(answer.body());
        assertThat(answer.status()).as(what).isLessThan(500);
        if (answer.status() >= 400) {
            if (request.operation().highLevel()) {
                assertThat(answer.contentType()).as(what).matches("application/(problem\\+)?json.*");
            } else {
                assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
            }
            assertThat(json(answer.body())).as(what).isNotNull();
            assertThat(digest()).as("the event store after a refused " + what).isEqualTo(before);
        } else if (answer.status() == 202) {
            // Accepted work (a replay, a rebuild) finishes before the next request compares the event store.
            await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ofMillis(300)).until(() -> {
                Digest now = digest();
                Thread.sleep(300);
                return now.equals(digest());
            });
        }
    }

    private RawHttp.Answer send(HostileRequest request) {
        ApiOperation operation = request.operation();
        String path = operation.path();
        for (String variable : operation.pathVariables()) {
            String value = request.place() == Place.PATH && request.name().equals(variable) ? request.value()
                    : HostileValues.percentEncode(valid(variable, operation.path()));
            path = path.replace("{" + variable + "}", value);
        }
        List<String> query = new ArrayList<>();
        for (Map.Entry<String, String> required : requiredQuery(operation).entrySet()) {
            if (!(request.place() == Place.QUERY && request.name().equals(required.getKey()))) {
                query.add(required.getKey() + "=" + HostileValues.percentEncode(required.getValue()));
            }
        }
        if (request.place() == Place.QUERY) {
            query.add(request.name() + "=" + request.value());
        }
        String target = query.isEmpty() ? path : path + "?" + String.join("&", query);
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[]{"Authorization", "Bearer " + OPERATOR_KEY});
        headers.add(new String[]{"Accept", "application/json"});
        if (request.place() == Place.HEADER) {
            headers.add(new String[]{request.name(), request.value()});
        }
        byte[] body = null;
        if (operation.takesBody()) {
            headers.add(new String[]{"Content-Type",
                    request.place() == Place.CONTENT_TYPE ? request.value() : "application/json"});
            body = switch (request.place()) {
                case BODY -> request.value().getBytes(StandardCharsets.ISO_8859_1);
                case FIELD -> template(operation, request.name()).getBytes(StandardCharsets.UTF_8);
                default -> template(operation, null).getBytes(StandardCharsets.UTF_8);
            };
            if (request.place() == Place.FIELD) {
                body = new String(body, StandardCharsets.UTF_8).replace(QUOTED_MARKER, request.value())
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return RawHttp.send(port, operation.method(), target, headers, body);
    }

    /** A plausible body for the operation, with the attacked field (if any) holding a marker to replace. */
    private String template(ApiOperation operation, String attacked) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        for (String field : operation.bodyFields()) {
            if (!field.contains(".") && !field.contains("[")) {
                JsonNode value = validField(field, operation);
                if (value != null) {
                    body.set(field, value);
                }
            }
        }
        if (attacked != null) {
            put(body, attacked);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode validField(String field, ApiOperation operation) {
        ObjectMapper m = JSON;
        return switch (field) {
            case "name" -> m.valueToTree("Fuzz " + UUID.randomUUID().toString().substring(0, 6));
            case "pipelineId" -> m.valueToTree(ids.get("pipeline"));
            case "stageId", "pipelineStageId" -> m.valueToTree(stageIds.get(1));
            case "locationId" -> m.valueToTree(location);
            case "status" -> m.valueToTree("open");
            case "contactId" -> m.valueToTree("contact-1");
            case "monetaryValue" -> m.valueToTree(12.5);
            case "assignedTo" -> m.valueToTree("ann");
            case "source" -> m.valueToTree("web");
            case "lostReasonId" -> m.valueToTree(ids.get("lostReason"));
            case "lostReason" -> m.valueToTree("price");
            case "url" -> m.valueToTree("https://93.184.215.14/other");
            case "events" -> m.valueToTree(List.of("OpportunityCreate"));
            case "stageIds" -> m.valueToTree(stageIds);
            case "followers" -> m.valueToTree(List.of("u1"));
            case "title" -> m.valueToTree("Call");
            case "body" -> m.valueToTree("A note");
            case "dueAt" -> m.valueToTree("2030-01-01T00:00:00Z");
            case "scopes" -> m.valueToTree(List.of("opportunities.readonly"));
            case "locations" -> m.valueToTree(List.of(location));
            case "rateLimitPer10s" -> m.valueToTree(100);
            case "staleAfterDays" -> m.valueToTree(7);
            case "allowDuplicateOpportunity", "showInFunnel" -> m.valueToTree(true);
            case "winProbability", "stageWinProbability" -> m.valueToTree(50);
            case "currency" -> m.valueToTree("USD");
            case "tags" -> m.valueToTree(List.of("t"));
            case "contact" -> m.valueToTree(Map.of("name", "C", "email", "c@example.com"));
            case "customFields" -> operation.bodyFields().contains("customFields[0]")
                    ? m.valueToTree(List.of(Map.of("key", "k", "field_value", "v"))) : m.valueToTree(Map.of("k", "v"));
            case "stages" -> m.valueToTree(List.of(Map.of("name", "S1", "winProbability", 10,
                    "stageWinProbability", 10, "position", 0)));
            case "limit" -> m.valueToTree(5);
            default -> null;
        };
    }

    /** Puts the marker at a path like {@code stages[0].name}, making the containers on the way. */
    private static void put(ObjectNode root, String path) {
        JsonNode container = root;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length; i++) {
            boolean lastStep = i == steps.length - 1;
            String step = steps[i];
            boolean indexed = step.endsWith("[0]");
            String name = indexed ? step.substring(0, step.length() - 3) : step;
            ObjectNode object = (ObjectNode) container;
            if (!indexed) {
                if (lastStep) {
                    object.put(name, MARKER);
                    return;
                }
                container = object.get(name) instanceof ObjectNode existing ? existing : object.putObject(name);
                continue;
            }
            ArrayNode array = object.get(name) instanceof ArrayNode existing ? existing : object.putArray(name);
            if (lastStep) {
                array.removeAll().add(MARKER);
                return;
            }
            if (array.isEmpty() || !(array.get(0) instanceof ObjectNode)) {
                array.removeAll().addObject();
            }
            container = array.get(0);
        }
    }

    private String valid(String variable, String path) {
        return switch (variable) {
            case "locationId" -> location;
            case "pipelineId" -> ids.get("pipeline");
            case "stageId" -> stageIds.get(1);
            case "opportunityId" -> ids.get("opportunity");
            case "taskId" -> ids.get("task");
            case "subscriptionId" -> ids.get("subscription");
            case "userId" -> "u1";
            case "name" -> "no-such-projection";
            case "id" -> path.startsWith("/opportunities/pipelines/") ? ids.get("pipeline")
                    : path.startsWith("/api/v1/admin/api-keys/") ? ids.get("apiKey") : ids.get("opportunity");
            default -> UUID.randomUUID().toString();
        };
    }

    private Map<String, String> requiredQuery(ApiOperation operation) {
        return switch (operation.path()) {
            case "/opportunities/search" -> Map.of("location_id", location);
            case "/opportunities/pipelines", "/opportunities/lost-reason" -> Map.of("locationId", location);
            default -> operation.path().endsWith("/replay") ? Map.of("from", "2026-01-01T00:00:00Z") : Map.of();
        };
    }

    private static List<String> headers(ApiOperation operation) {
        return operation.reads() ? List.of("Consistency-Token") : List.of("If-Match", "Idempotency-Key");
    }

    /** Hostile text that suits the named input, now and then any hostile text at all. */
    private Arbitrary<String> textFor(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Arbitrary<String> suited;
        if (lower.contains("cursor") || lower.equals("startafterid")) {
            suited = HostileValues.cursors(realCursors);
        } else if (lower.matches("from|to|asof|createdfrom|createdto|duebefore|date|enddate|startafter")) {
            suited = HostileValues.instants();
        } else if (lower.matches("limit|skip|page|valuemin|valuemax|consistency-token")) {
            suited = HostileValues.numbers();
        } else if (lower.equals("if-match")) {
            suited = Arbitraries.oneOf(HostileValues.numbers().map(n -> "\"" + n + "\""), HostileValues.numbers(),
                    Arbitraries.of("*", "W/\"1\"", "\"1\", \"2\"", "\"", "\"\"", "\"1"));
        } else {
            suited = HostileValues.text();
        }
        if (lower.contains("-")) {
            // Header values longer than Tomcat's header limit are a case of their own, not the common one.
            return Arbitraries.frequencyOf(Tuple.of(5, suited), Tuple.of(1,
                    Arbitraries.of("k".repeat(201), "k".repeat(20_000))));
        }
        return Arbitraries.frequencyOf(Tuple.of(4, suited),
                Tuple.of(1, HostileValues.text()));
    }

    private Digest digest() {
        return jdbc.queryForObject("SELECT count(*), coalesce(max(global_index), -1) FROM "
                + "event_store.domain_event_entry", (rs, n) -> new Digest(rs.getLong(1), rs.getLong(2)));
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isLessThan(300);
        return json(response.body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + RawHttp.abbreviate(body), e);
        }
    }

    /** Where a hostile value goes. */
    enum Place { PATH, QUERY, HEADER, CONTENT_TYPE, BODY, FIELD }

    /** One hostile request: a valid request to the operation except for the value in one place. */
    record HostileRequest(ApiOperation operation, Place place, String name, String value) {

        @Override
        public String toString() {
            return operation + " with " + place + (name == null ? "" : " " + name) + " = "
                    + RawHttp.abbreviate(HostileValues.quote(value));
        }
    }

    /** What the event store holds, in short: its number of events and its highest global index. */
    record Digest(long events, long maxGlobalIndex) {
    }
}
