package io.dealflow.standalone.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dealflow.standalone.StandaloneApiTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the report scenarios: drives a script of commands through the command API over HTTP (reopen and close
 * again, stage moves back and forth, moves between pipelines, value changes after close, deletes and restores,
 * probability changes, a reorder and a stage removal) and keeps its own model of every deal from the same script,
 * with the times the read side answers for each command. Subclasses compare a report with the model's figures.
 */
@Import(PinnedClock.InApplication.class)
abstract class ReportScenarioTest extends StandaloneApiTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final List<String> OWNERS = Arrays.asList("ann", "bob", null);
    private static final List<String> SOURCES = Arrays.asList("web", "referral", null);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    @Autowired
    PinnedClock clock;

    /** The script's model of a deal. */
    static final class Deal {
        String id;
        String pipeline;
        String stage;
        String status = "open";
        BigDecimal value;
        String currency;
        String owner;
        String source;
        boolean deleted;
        Instant createdAt;
        Instant closedAt;
        final Set<String> reached = new HashSet<>();
        final List<Visit> visits = new ArrayList<>();
        Visit current;

        boolean open() {
            return status.equals("open");
        }
    }

    /** A stretch of time a deal spent open in a stage. */
    static final class Visit {
        String pipeline;
        String stage;
        Instant entered;
        Instant left;
    }

    /** The script's model of a pipeline: live stages in order, with probabilities. */
    static final class Pipe {
        String id;
        final List<String> stages = new ArrayList<>();
        final Map<String, Integer> probability = new LinkedHashMap<>();
    }

    protected final Map<String, Deal> deals = new LinkedHashMap<>();
    protected Pipe sales;
    protected Pipe partners;
    /** Every instant a command was stamped with, in order: the cut points of the ranges. */
    protected final List<Instant> moments = new ArrayList<>();
    protected String token = "0";

    /** The script: a fixed part that covers each tricky case, then random steps around a reorder and a removal. */
    protected void runScript(long seed) {
        Random random = new Random(seed);
        sales = createPipeline("Sales", "Lead", 10, "Qualified", 30, "Proposal", 60, "Closing", 90);
        partners = createPipeline("Partners", "Intro", 20, "Signed", 80);
        List<Deal> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(create(sales, sales.stages.get(random.nextInt(4)), OWNERS.get(random.nextInt(3)),
                    SOURCES.get(random.nextInt(3)), cents(random), "USD"));
        }
        for (int i = 0; i < 4; i++) {
            all.add(create(partners, partners.stages.get(random.nextInt(2)), OWNERS.get(random.nextInt(3)),
                    SOURCES.get(random.nextInt(3)), cents(random), "USD"));
        }

        Deal reclosed = all.get(0);
        close(reclosed, "won");
        reopen(reclosed, null);
        close(reclosed, "lost");
        Deal revalued = all.get(1);
        close(revalued, "won");
        changeValue(revalued, new BigDecimal("1234.56"));
        Deal wandering = all.get(2);
        move(wandering, sales.id, sales.stages.get(3));
        move(wandering, sales.id, sales.stages.get(0));
        move(wandering, sales.id, sales.stages.get(2));
        move(wandering, sales.id, sales.stages.get(1));
        Deal transferred = all.get(3);
        move(transferred, partners.id, partners.stages.get(0));
        close(transferred, "won");
        Deal lostThenDeleted = all.get(4);
        close(lostThenDeleted, "lost");
        delete(lostThenDeleted);
        Deal restored = all.get(5);
        close(restored, "won");
        delete(restored);
        restore(restored);
        Deal reopenedElsewhere = all.get(6);
        close(reopenedElsewhere, "abandoned");
        reopen(reopenedElsewhere, sales.stages.stream().filter(stage -> !stage.equals(reopenedElsewhere.stage))
                .findFirst().orElseThrow());
        Deal fromPartners = all.get(20);
        move(fromPartners, sales.id, sales.stages.get(1));
        setProbability(sales, sales.stages.get(2), 75);

        randomSteps(all, random, 60);
        reorder(sales, List.of(sales.stages.get(0), sales.stages.get(2), sales.stages.get(1), sales.stages.get(3)));
        randomSteps(all, random, 30);
        Deal euro = create(partners, partners.stages.get(0), "ann", "web", new BigDecimal("50.00"), "EUR");
        all.add(euro);
        removeStage(sales, sales.stages.get(2), sales.stages.get(0));
        randomSteps(all, random, 30);
        close(euro, "won");
    }

    private void randomSteps(List<Deal> all, Random random, int steps) {
        for (int step = 0; step < steps; step++) {
            Deal deal = all.get(random.nextInt(all.size()));
            if (deal.deleted) {
                restore(deal);
                continue;
            }
            Pipe pipe = deal.pipeline.equals(sales.id) ? sales : partners;
            switch (random.nextInt(11)) {
                case 0, 1 -> {
                    List<String> others = pipe.stages.stream().filter(stage -> !stage.equals(deal.stage)).toList();
                    move(deal, pipe.id, others.get(random.nextInt(others.size())));
                }
                case 2 -> close(deal, "won");
                case 3 -> close(deal, "lost");
                case 4 -> close(deal, "abandoned");
                case 5 -> {
                    if (!deal.open()) {
                        List<String> live = pipe.stages;
                        reopen(deal, random.nextInt(3) == 0 ? live.get(random.nextInt(live.size())) : null);
                    }
                }
                case 6 -> changeValue(deal, cents(random));
                case 7 -> reassign(deal, OWNERS.get(random.nextInt(3)), SOURCES.get(random.nextInt(3)));
                case 8 -> {
                    Pipe other = pipe == sales ? partners : sales;
                    move(deal, other.id, other.stages.get(random.nextInt(other.stages.size())));
                }
                default -> delete(deal);
            }
        }
    }

    // ---- commands, each followed by the model's change

    protected Pipe createPipeline(String name, Object... stages) {
        StringBuilder body = new StringBuilder("{\"name\":\"" + name + "\",\"stages\":[");
        for (int i = 0; i < stages.length; i += 2) {
            body.append(i == 0 ? "" : ",").append("{\"name\":\"").append(stages[i]).append("\",\"winProbability\":")
                    .append(stages[i + 1]).append('}');
        }
        JsonNode created = send("POST", at("/pipelines"), body.append("]}").toString(), 201);
        Pipe pipe = new Pipe();
        pipe.id = created.get("id").asText();
        for (JsonNode stage : created.get("stages")) {
            pipe.stages.add(stage.get("id").asText());
            pipe.probability.put(stage.get("id").asText(), stage.get("winProbability").asInt());
        }
        return pipe;
    }

    protected Deal create(Pipe pipe, String stage, String owner, String source, BigDecimal value, String currency) {
        JsonNode created = send("POST", at("/opportunities"), "{\"name\":\"Deal\",\"pipelineId\":\"" + pipe.id
                + "\",\"stageId\":\"" + stage + "\",\"assignedTo\":" + quoted(owner) + ",\"source\":" + quoted(source)
                + ",\"monetaryValue\":" + value.toPlainString() + ",\"currency\":\"" + currency + "\"}", 201);
        Deal deal = new Deal();
        deal.id = created.get("id").asText();
        deal.pipeline = pipe.id;
        deal.stage = stage;
        deal.value = value;
        deal.currency = currency;
        deal.owner = owner;
        deal.source = source;
        deal.createdAt = detail(deal, "createdAt");
        deal.reached.add(pipe.id + "/" + stage);
        startVisit(deal, deal.createdAt);
        deals.put(deal.id, deal);
        return deal;
    }

    protected void move(Deal deal, String pipelineId, String stage) {
        if (deal.pipeline.equals(pipelineId) && deal.stage.equals(stage)) {
            return;
        }
        send("POST", at("/opportunities/" + deal.id + "/move-stage"),
                "{\"stageId\":\"" + stage + "\",\"pipelineId\":\"" + pipelineId + "\"}", 200);
        Instant at = detail(deal, "lastStageChangeAt");
        deal.pipeline = pipelineId;
        deal.stage = stage;
        deal.reached.add(pipelineId + "/" + stage);
        if (deal.open()) {
            endVisit(deal, at);
            startVisit(deal, at);
        }
    }

    protected void close(Deal deal, String status) {
        if (deal.status.equals(status)) {
            return;
        }
        String path = switch (status) {
            case "won" -> "/mark-won";
            case "lost" -> "/mark-lost";
            default -> "/mark-abandoned";
        };
        send("POST", at("/opportunities/" + deal.id + path), status.equals("lost") ? "{\"lostReason\":\"price\"}"
                : "{}", 200);
        Instant at = detail(deal, "lastStatusChangeAt");
        if (deal.open()) {
            endVisit(deal, at);
        }
        deal.status = status;
        deal.closedAt = at;
    }

    protected void reopen(Deal deal, String stage) {
        send("POST", at("/opportunities/" + deal.id + "/reopen"), stage == null ? "{}"
                : "{\"stageId\":\"" + stage + "\"}", 200);
        Instant at = detail(deal, "lastStatusChangeAt");
        Pipe pipe = deal.pipeline.equals(sales.id) ? sales : partners;
        String target = stage != null ? stage : pipe.stages.contains(deal.stage) ? deal.stage : pipe.stages.get(0);
        deal.status = "open";
        deal.closedAt = null;
        deal.stage = target;
        deal.reached.add(deal.pipeline + "/" + target);
        startVisit(deal, at);
    }

    protected void changeValue(Deal deal, BigDecimal value) {
        send("PATCH", at("/opportunities/" + deal.id), "{\"monetaryValue\":" + value.toPlainString() + "}", 200);
        deal.value = value;
    }

    protected void reassign(Deal deal, String owner, String source) {
        send("PATCH", at("/opportunities/" + deal.id), "{\"assignedTo\":" + quoted(owner) + ",\"source\":"
                + quoted(source) + "}", 200);
        deal.owner = owner;
        deal.source = source;
    }

    protected void delete(Deal deal) {
        send("DELETE", at("/opportunities/" + deal.id), null, 200);
        deal.deleted = true;
    }

    protected void restore(Deal deal) {
        send("POST", at("/opportunities/" + deal.id + "/restore"), "{}", 200);
        deal.deleted = false;
    }

    private void setProbability(Pipe pipe, String stage, int probability) {
        send("PATCH", at("/pipelines/" + pipe.id + "/stages/" + stage), "{\"winProbability\":" + probability + "}",
                200);
        pipe.probability.put(stage, probability);
    }

    private void reorder(Pipe pipe, List<String> order) {
        send("POST", at("/pipelines/" + pipe.id + "/stages/order"),
                "{\"stageIds\":[\"" + String.join("\",\"", order) + "\"]}", 200);
        pipe.stages.clear();
        pipe.stages.addAll(order);
    }

    private void removeStage(Pipe pipe, String stage, String moveOpenTo) {
        for (Deal deal : deals.values()) {
            if (deal.deleted && deal.stage.equals(stage)) {
                restore(deal);
            }
        }
        send("DELETE", at("/pipelines/" + pipe.id + "/stages/" + stage + "?moveOpenTo=" + moveOpenTo), null, 200);
        pipe.stages.remove(stage);
        pipe.probability.remove(stage);
        for (Deal deal : deals.values()) {
            if (deal.pipeline.equals(pipe.id) && deal.stage.equals(stage) && deal.open()) {
                Instant at = detail(deal, "lastStageChangeAt");
                deal.stage = moveOpenTo;
                deal.reached.add(pipe.id + "/" + moveOpenTo);
                endVisit(deal, at);
                startVisit(deal, at);
            }
        }
    }

    private void startVisit(Deal deal, Instant at) {
        Visit visit = new Visit();
        visit.pipeline = deal.pipeline;
        visit.stage = deal.stage;
        visit.entered = at;
        deal.current = visit;
        deal.visits.add(visit);
    }

    private void endVisit(Deal deal, Instant at) {
        deal.current.left = at;
        if (at.equals(deal.current.entered)) {
            deal.visits.remove(deal.current);
        }
        deal.current = null;
    }

    // ---- the model's figures

    /** Deals not deleted that pass the filter. */
    protected List<Deal> live(Predicate<Deal> filter) {
        return deals.values().stream().filter(deal -> !deal.deleted).filter(filter).toList();
    }

    protected static boolean in(Instant instant, Instant from, Instant to) {
        return instant != null && (from == null || !instant.isBefore(from)) && (to == null || instant.isBefore(to));
    }

    protected static String money(BigDecimal amount) {
        return amount == null ? "null" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    protected static String ratio(long part, long whole) {
        return whole == 0 ? "null"
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).toPlainString();
    }

    /** Seconds with 3 decimals, rounded half up, of an exact number of milliseconds. */
    protected static String seconds(BigDecimal millis) {
        return millis == null ? "null" : millis.divide(THOUSAND, 3, RoundingMode.HALF_UP).toPlainString();
    }

    /** percentile_cont: linear interpolation between the two samples around p × (n - 1). */
    protected static BigDecimal percentile(List<Long> sorted, String p) {
        BigDecimal position = new BigDecimal(p).multiply(BigDecimal.valueOf(sorted.size() - 1));
        int low = position.intValue();
        BigDecimal fraction = position.subtract(BigDecimal.valueOf(low));
        long lowValue = sorted.get(low);
        long highValue = sorted.get(Math.min(low + 1, sorted.size() - 1));
        return BigDecimal.valueOf(lowValue).add(fraction.multiply(BigDecimal.valueOf(highValue - lowValue)));
    }

    /**
     * An answered median or 90th percentile (seconds, rounded half up to milliseconds) is the exact percentile_cont
     * up to the histogram's bound: within 1/64 of it before rounding, so within that plus half a millisecond after.
     */
    protected static void assertNearPercentile(JsonNode answered, BigDecimal exactMillis, String description) {
        assertThat(answered.isNumber()).as(description).isTrue();
        BigDecimal millis = answered.decimalValue().movePointRight(3);
        BigDecimal bound = exactMillis.abs().divide(BigDecimal.valueOf(64), 10, RoundingMode.UP)
                .add(new BigDecimal("0.5"));
        assertThat(millis.subtract(exactMillis).abs()).as(description + ": answered " + millis + " ms, exact "
                + exactMillis + " ms").isLessThanOrEqualTo(bound);
    }

    /** Sorted map whose empty key ("none") comes last, as the win-rate groups are ordered. */
    protected static <V> TreeMap<String, V> byKey() {
        return new TreeMap<>(Comparator.comparing((String key) -> key.isEmpty())
                .thenComparing(Comparator.naturalOrder()));
    }

    // ---- ranges

    /** Ranges to compare: open ends, the whole script, cuts at stamped instants (included and excluded), dates. */
    protected List<Instant[]> ranges() {
        List<Instant> sorted = moments.stream().sorted().toList();
        Instant first = sorted.get(0);
        Instant last = sorted.get(sorted.size() - 1);
        Instant third = sorted.get(sorted.size() / 3);
        Instant twoThirds = sorted.get(sorted.size() * 2 / 3);
        LocalDate today = LocalDate.ofInstant(first, ZoneOffset.UTC);
        return List.of(new Instant[]{null, null}, new Instant[]{first, last.plusMillis(1)},
                new Instant[]{third, twoThirds}, new Instant[]{null, third}, new Instant[]{twoThirds, null},
                new Instant[]{third.plusMillis(1), twoThirds.plusMillis(1)},
                new Instant[]{today.atStartOfDay(ZoneOffset.UTC).toInstant(),
                        today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()},
                new Instant[]{last.plusMillis(1), last.plusMillis(2)});
    }

    /** Query parameters of a range; whole UTC days go as plain dates, the other bounds as instants. */
    protected static String query(Instant[] range) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            if (range[i] != null) {
                LocalDate day = LocalDate.ofInstant(range[i], ZoneOffset.UTC);
                boolean midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(range[i]);
                query.append(i == 0 ? "&from=" : "&to=").append(midnight ? day.toString() : range[i].toString());
            }
        }
        return query.toString();
    }

    // ---- HTTP

    /** GET a report with the last command's consistency token; numbers read as exact decimals. */
    protected JsonNode report(String pathAndQuery) {
        return answer(call("GET", at(pathAndQuery), null, "Consistency-Token", token), 200);
    }

    /** A decimal as the answer wrote it ("null" for null). */
    protected static String text(JsonNode node) {
        return node == null || node.isNull() ? "null" : node.isNumber() ? node.decimalValue().toPlainString()
                : node.asText();
    }

    private Instant detail(Deal deal, String field) {
        JsonNode detail = answer(call("GET", at("/opportunities/" + deal.id), null, "Consistency-Token", token), 200);
        Instant at = Instant.parse(detail.get(field).asText());
        moments.add(at);
        return at;
    }

    private JsonNode send(String method, String path, String body, int status) {
        return answer(call(method, path, body), status);
    }

    private JsonNode answer(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        try {
            JsonNode body = JSON.readTree(response.body());
            if (body != null && body.has("consistencyToken")) {
                token = body.get("consistencyToken").asText();
            }
            return body;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal cents(Random random) {
        return BigDecimal.valueOf(random.nextInt(1_000_000), 2);
    }

    private static String quoted(String text) {
        return text == null ? "null" : "\"" + text + "\"";
    }
}
