package io.dealflow.query.board;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.Stage;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

class BoardApiTest extends QueryApiTest {

    private static final List<String> OWNERS = List.of("ann", "bob", "cid");
    private static final List<String> SOURCES = List.of("web", "referral");
    private static final List<String> TAGS = List.of("hot", "cold", "vip");

    /** The test's own account of each deal, kept beside the events it appends. */
    private final Map<String, Deal> deals = new LinkedHashMap<>();

    @Test
    void stageTotalsEqualWhatTheScriptImplies() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Qualified", "Demo", "Closing");
        PipelineCreated partners = Given.pipeline(location, "Partners", "Intro", "Contract");
        events.append(sales, partners);
        Map<String, Integer> probabilities = new LinkedHashMap<>();
        sales.stages().forEach(stage -> probabilities.put(stage.id(), stage.winProbability()));
        String token = runScript(sales, partners, probabilities, new Random(42));

        JsonNode board = read(at("/pipelines/" + sales.pipelineId() + "/board?limit=500"), token);

        assertTotals(board, sales.pipelineId(), probabilities, deal -> true);
        for (String owner : OWNERS) {
            assertTotals(read(at("/pipelines/" + sales.pipelineId() + "/board?limit=500&assignedTo=" + owner), token),
                    sales.pipelineId(), probabilities, deal -> owner.equals(deal.owner));
        }
        assertTotals(read(at("/pipelines/" + sales.pipelineId() + "/board?limit=500&source=referral"), token),
                sales.pipelineId(), probabilities, deal -> "referral".equals(deal.source));
        assertTotals(read(at("/pipelines/" + sales.pipelineId() + "/board?limit=500&tag=hot&tag=vip"), token),
                sales.pipelineId(), probabilities, deal -> deal.tags.containsAll(List.of("hot", "vip")));
    }

    @Test
    void boardShowsCardsWithTheContractFields() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Won");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "1200.50", "ann");
        String token = events.append(sales, deal);

        JsonNode stage = read(at("/pipelines/" + sales.pipelineId() + "/board"), token).get("stages").get(0);

        assertThat(stage.get("id").asText()).isEqualTo(sales.stages().get(0).id());
        assertThat(stage.get("name").asText()).isEqualTo("New");
        assertThat(stage.get("winProbability").asInt()).isEqualTo(10);
        assertThat(stage.get("count").asLong()).isEqualTo(1);
        assertThat(stage.get("totalValue").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(stage.get("weightedValue").decimalValue()).isEqualByComparingTo("120.05");
        assertThat(stage.get("currency").asText()).isEqualTo("USD");
        assertThat(stage.get("nextCursor").isNull()).isTrue();
        JsonNode card = stage.get("opportunities").get(0);
        assertThat(card.get("id").asText()).isEqualTo(deal.opportunityId());
        assertThat(card.get("name").asText()).isEqualTo("Acme");
        assertThat(card.get("monetaryValue").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(card.get("contact").get("email").asText()).isEqualTo("acme@example.com");
        assertThat(card.get("assignedTo").asText()).isEqualTo("ann");
        assertThat(card.get("status").asText()).isEqualTo("open");
        assertThat(card.get("lastStageChangeAt").asText()).endsWith("Z");
    }

    @Test
    void cardsCarryTheirOpenTaskCountAndNextDueDate() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated busy = Given.opportunity(sales, 0, "Busy", "10", "ann");
        OpportunityCreated idle = Given.opportunity(sales, 0, "Idle", "10", "ann");
        String id = busy.opportunityId();
        events.append(sales, busy, idle,
                new OpportunityTaskAdded(id, location, "t1", "Call", Instant.parse("2030-02-01T09:00:00Z"), null),
                new OpportunityTaskAdded(id, location, "t2", "Mail", Instant.parse("2030-01-15T09:00:00Z"), null),
                new OpportunityTaskAdded(id, location, "t3", "Visit", null, null),
                new OpportunityTaskAdded(id, location, "t4", "Done", Instant.parse("2030-01-01T09:00:00Z"), null),
                new OpportunityTaskCompleted(id, location, "t4"));
        String both = events.append(new OpportunityTaskCompleted(id, location, "t2"));

        JsonNode cards = read(at("/pipelines/" + sales.pipelineId() + "/board"), both).get("stages").get(0)
                .get("opportunities");
        JsonNode busyCard = cards.get(0).get("id").asText().equals(id) ? cards.get(0) : cards.get(1);
        JsonNode idleCard = busyCard == cards.get(0) ? cards.get(1) : cards.get(0);
        assertThat(busyCard.get("openTasks").asInt()).isEqualTo(2);
        assertThat(busyCard.get("nextTaskDueAt").asText()).isEqualTo("2030-02-01T09:00:00Z");
        assertThat(idleCard.get("openTasks").asInt()).isZero();
        assertThat(idleCard.get("nextTaskDueAt").isNull()).isTrue();
    }

    @Test
    void stageWithSeveralCurrenciesTotalsEachCurrency() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        String token = events.append(sales,
                Given.opportunity(sales, 0, "A", "100", "USD", "ann", "web", List.of()),
                Given.opportunity(sales, 0, "B", "50", "USD", "ann", "web", List.of()),
                Given.opportunity(sales, 0, "C", "80", "EUR", "ann", "web", List.of()));

        JsonNode stage = read(at("/pipelines/" + sales.pipelineId() + "/board"), token).get("stages").get(0);

        assertThat(stage.get("count").asLong()).isEqualTo(3);
        assertThat(stage.get("totalValue").isNull()).isTrue();
        assertThat(stage.get("weightedValue").isNull()).isTrue();
        assertThat(stage.get("currency").isNull()).isTrue();
        JsonNode totals = stage.get("totalsByCurrency");
        assertThat(totals.findValuesAsText("currency")).containsExactly("EUR", "USD");
        assertThat(totals.get(1).get("count").asLong()).isEqualTo(2);
        assertThat(totals.get(1).get("totalValue").decimalValue()).isEqualByComparingTo("150");
        assertThat(totals.get(1).get("weightedValue").decimalValue()).isEqualByComparingTo("15");
    }

    @Test
    void pagingThroughAStageVisitsEveryCardOnceWhileWritesContinue() throws Exception {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Demo");
        List<Object> created = new ArrayList<>(List.of(sales));
        Set<String> initial = new HashSet<>();
        for (int i = 0; i < 45; i++) {
            OpportunityCreated deal = Given.opportunity(sales, 0, "Deal " + i, Integer.toString(i), "ann");
            created.add(deal);
            initial.add(deal.opportunityId());
        }
        String token = events.append(created.toArray());
        List<String> initialIds = List.copyOf(initial);

        AtomicBoolean paging = new AtomicBoolean(true);
        Set<String> createdMeanwhile = ConcurrentHashMap.newKeySet();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random random = new Random(7);
            while (paging.get()) {
                String someDeal = initialIds.get(random.nextInt(initialIds.size()));
                OpportunityCreated newcomer = Given.opportunity(sales, random.nextInt(2), "Late", "5", "bob");
                if (newcomer.stageId().equals(sales.stages().get(0).id())) {
                    createdMeanwhile.add(newcomer.opportunityId());
                }
                events.append(newcomer,
                        new OpportunityValueChanged(someDeal, location, new BigDecimal(random.nextInt(1000)), "USD"),
                        new OpportunityNoteAdded(someDeal, location, newId(), "still interested"));
            }
        });

        List<String> visited = new ArrayList<>();
        String path = at("/pipelines/" + sales.pipelineId() + "/board?limit=7&stageId=" + sales.stages().get(0).id());
        JsonNode page = read(path, token);
        while (true) {
            JsonNode stage = page.get("stages").get(0);
            stage.get("opportunities").forEach(card -> visited.add(card.get("id").asText()));
            if (stage.get("nextCursor").isNull()) {
                break;
            }
            page = read(at("/pipelines/" + sales.pipelineId() + "/board?limit=7&cursor="
                    + stage.get("nextCursor").asText()), null);
            assertThat(page.get("stages")).hasSize(1);
        }
        paging.set(false);
        writer.get();

        assertThat(visited).doesNotHaveDuplicates();
        assertThat(visited).containsAll(initial);
        assertThat(createdMeanwhile).containsAll(visited.stream().filter(id -> !initial.contains(id)).toList());
    }

    @Test
    void rejectsBadParameters() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        String token = events.append(sales);
        String board = at("/pipelines/" + sales.pipelineId() + "/board");
        read(board, token);

        for (String query : List.of("?limit=0", "?limit=501", "?limit=ten", "?cursor=garbage",
                "?cursor=WyJ4IiwieSJd")) {
            HttpResponse<String> response = get(board + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
            assertThat(json(response).get("errors").get(0).get("field").asText()).isIn("limit", "cursor");
        }
        String cursorOfOtherFilter = cursorOf(sales, token, "&assignedTo=ann");
        assertThat(get(board + "?cursor=" + cursorOfOtherFilter).statusCode()).isEqualTo(400);
        assertThat(get(board + "?stageId=nope").statusCode()).isEqualTo(404);
        assertThat(get(at("/pipelines/unknown/board")).statusCode()).isEqualTo(404);
    }

    /** A cursor from a board filtered by {@code filter}, over a stage of two cards paged one by one. */
    private String cursorOf(PipelineCreated sales, String token, String filter) {
        String last = events.append(Given.opportunity(sales, 0, "X", "1", "ann"),
                Given.opportunity(sales, 0, "Y", "1", "ann"));
        JsonNode board = read(at("/pipelines/" + sales.pipelineId() + "/board?limit=1" + filter), last);
        return board.get("stages").get(0).get("nextCursor").asText();
    }

    /** Appends a random but repeatable series of commands' events and mirrors each in {@link #deals}. */
    private String runScript(PipelineCreated sales, PipelineCreated partners, Map<String, Integer> probabilities,
                             Random random) {
        List<PipelineCreated> pipelines = List.of(sales, partners);
        for (int i = 0; i < 80; i++) {
            PipelineCreated pipeline = i % 5 == 0 ? partners : sales;
            OpportunityCreated created = Given.opportunity(pipeline, random.nextInt(pipeline.stages().size()),
                    "Deal " + i, random.nextInt(100_000) + "." + random.nextInt(100), "USD",
                    OWNERS.get(random.nextInt(3)), SOURCES.get(random.nextInt(2)),
                    random.nextBoolean() ? List.of(TAGS.get(random.nextInt(3))) : List.of("hot", "vip"));
            events.append(created);
            deals.put(created.opportunityId(), new Deal(created));
        }
        List<String> ids = List.copyOf(deals.keySet());
        for (int step = 0; step < 250; step++) {
            Deal deal = deals.get(ids.get(random.nextInt(ids.size())));
            String id = deal.id;
            switch (random.nextInt(9)) {
                case 0, 1 -> {
                    PipelineCreated target = pipelines.get(random.nextInt(4) == 0 ? 1 : 0);
                    String stage = target.stages().get(random.nextInt(target.stages().size())).id();
                    if (!stage.equals(deal.stage) && !deal.deleted) {
                        events.append(new OpportunityStageMoved(id, location, deal.pipeline, deal.stage,
                                target.pipelineId(), stage));
                        deal.pipeline = target.pipelineId();
                        deal.stage = stage;
                    }
                }
                case 2 -> close(deal, "won", new OpportunityWon(id, location));
                case 3 -> close(deal, "lost", new OpportunityLost(id, location, null, "budget"));
                case 4 -> {
                    if (!deal.status.equals("open") && !deal.deleted) {
                        events.append(new OpportunityReopened(id, location, deal.status));
                        deal.status = "open";
                    }
                }
                case 5 -> {
                    if (!deal.deleted) {
                        BigDecimal value = new BigDecimal(random.nextInt(50_000) + "." + random.nextInt(100));
                        events.append(new OpportunityValueChanged(id, location, value, "USD"));
                        deal.value = value;
                    }
                }
                case 6 -> {
                    if (!deal.deleted) {
                        String owner = OWNERS.get(random.nextInt(3));
                        events.append(new OpportunityOwnerAssigned(id, location, owner));
                        deal.owner = owner;
                    }
                }
                case 7 -> {
                    events.append(deal.deleted ? new OpportunityRestored(id, location)
                            : new OpportunityDeleted(id, location));
                    deal.deleted = !deal.deleted;
                }
                default -> events.append(new OpportunityNoteAdded(id, location, newId(), "called"));
            }
        }
        // Remove "Qualified": its open deals move to "Demo", as the command side does it.
        Stage qualified = sales.stages().get(1);
        Stage demo = sales.stages().get(2);
        List<Object> removal = new ArrayList<>(List.of(new PipelineStageRemoved(sales.pipelineId(), location,
                qualified.id(), demo.id())));
        for (Deal deal : deals.values()) {
            if (deal.stage.equals(qualified.id()) && deal.status.equals("open") && !deal.deleted) {
                removal.add(new OpportunityStageMoved(deal.id, location, sales.pipelineId(), qualified.id(),
                        sales.pipelineId(), demo.id()));
                deal.stage = demo.id();
            }
        }
        events.append(removal.toArray());
        probabilities.remove(qualified.id());
        probabilities.put(demo.id(), 55);
        return events.append(new PipelineStageProbabilityChanged(sales.pipelineId(), location, demo.id(), 55));
    }

    private void close(Deal deal, String status, Object event) {
        if (deal.status.equals("open") && !deal.deleted) {
            events.append(event);
            deal.status = status;
        }
    }

    private void assertTotals(JsonNode board, String pipelineId, Map<String, Integer> probabilities,
                              Predicate<Deal> filter) {
        assertThat(board.get("pipelineId").asText()).isEqualTo(pipelineId);
        assertThat(ids(board.get("stages"))).containsExactlyElementsOf(probabilities.keySet());
        for (JsonNode stage : board.get("stages")) {
            List<Deal> open = deals.values().stream()
                    .filter(deal -> deal.pipeline.equals(pipelineId) && deal.stage.equals(stage.get("id").asText())
                            && deal.status.equals("open") && !deal.deleted)
                    .filter(filter).toList();
            BigDecimal total = open.stream().map(deal -> deal.value).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal weighted = total.multiply(BigDecimal.valueOf(probabilities.get(stage.get("id").asText())))
                    .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            assertThat(stage.get("count").asLong()).as("count of " + stage.get("name")).isEqualTo(open.size());
            assertThat(stage.get("totalValue").decimalValue()).isEqualByComparingTo(total);
            assertThat(stage.get("weightedValue").decimalValue()).isEqualByComparingTo(weighted);
            assertThat(ids(stage.get("opportunities")))
                    .containsExactlyInAnyOrderElementsOf(open.stream().map(deal -> deal.id).toList());
        }
    }

    /** What the test expects of one deal. */
    private static final class Deal {
        final String id;
        final String source;
        final List<String> tags;
        String pipeline;
        String stage;
        String status = "open";
        BigDecimal value;
        String owner;
        boolean deleted;

        Deal(OpportunityCreated created) {
            id = created.opportunityId();
            source = created.source();
            tags = created.tags();
            pipeline = created.pipelineId();
            stage = created.stageId();
            value = created.monetaryValue();
            owner = created.assignedTo();
        }
    }
}
