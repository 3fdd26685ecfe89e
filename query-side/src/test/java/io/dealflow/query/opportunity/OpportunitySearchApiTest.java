package io.dealflow.query.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunitySearchApiTest extends QueryApiTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    private PipelineCreated sales;
    private PipelineCreated partners;
    private OpportunityCreated acme;
    private OpportunityCreated beta;
    private OpportunityCreated gamma;
    private OpportunityCreated delta;
    private OpportunityCreated euro;
    private String token;

    /**
     * Five deals, created a minute apart: acme (open, ann, web, hot, 100), beta (won, bob, referral, 250), gamma (lost,
     * ann, 75), delta (open, moved to Demo, cid, contact "Zed Industries", 1000), euro (open in Partners, EUR 500);
     * and one deleted deal that nothing may show.
     */
    @BeforeEach
    void deals() {
        sales = Given.pipeline(location, "Sales", "New", "Demo");
        partners = Given.pipeline(location, "Partners", "Intro");
        acme = Given.opportunity(sales, 0, "Acme Rollout", "100", "USD", "ann", "web", List.of("hot", "q1"));
        beta = Given.opportunity(sales, 0, "beta Expansion", "250", "USD", "bob", "referral", List.of("q1"));
        gamma = Given.opportunity(sales, 0, "Gamma", "75", "USD", "ann", "web", List.of());
        delta = new OpportunityCreated(newId(), location, "Delta deal", sales.pipelineId(),
                sales.stages().get(0).id(), new BigDecimal("1000"), "USD",
                new Contact("c-zed", "Zoe Zed", "zoe@zed.example", null, "Zed Industries"), "event", "cid",
                List.of(), List.of("hot"), Map.of());
        euro = Given.opportunity(partners, 0, "Euro 100%_deal", "500", "EUR", "bob", "web", List.of());
        OpportunityCreated deleted = Given.opportunity(sales, 0, "Acme Deleted", "5", "ann");
        events.appendAt(T0, sales, partners);
        events.appendAt(T0.plusSeconds(60), acme);
        events.appendAt(T0.plusSeconds(120), beta);
        events.appendAt(T0.plusSeconds(180), gamma);
        events.appendAt(T0.plusSeconds(240), delta);
        events.appendAt(T0.plusSeconds(300), euro, deleted);
        events.appendAt(T0.plusSeconds(360), new OpportunityWon(beta.opportunityId(), location),
                new OpportunityLost(gamma.opportunityId(), location, null, "budget"),
                new OpportunityDeleted(deleted.opportunityId(), location));
        events.appendAt(T0.plusSeconds(420), new OpportunityStageMoved(delta.opportunityId(), location,
                sales.pipelineId(), sales.stages().get(0).id(), sales.pipelineId(), sales.stages().get(1).id()));
        token = events.appendAt(T0.plusSeconds(480),
                new OpportunityNoteAdded(acme.opportunityId(), location, "n1", "called"));
    }

    @Test
    void listsOpenDealsNewestFirstByDefault() {
        JsonNode page = search("");

        assertThat(ids(page.get("items"))).containsExactly(id(euro), id(delta), id(acme));
        assertThat(page.get("total").asLong()).isEqualTo(3);
        assertThat(page.get("nextCursor").isNull()).isTrue();
        JsonNode first = page.get("items").get(2);
        assertThat(first.get("locationId").asText()).isEqualTo(location);
        assertThat(first.get("version").asLong()).isEqualTo(2);
        assertThat(first.get("createdAt").asText()).isEqualTo("2026-01-05T09:01:00Z");
        assertThat(first.get("updatedAt").asText()).isEqualTo("2026-01-05T09:08:00Z");
    }

    @Test
    void totalFollowsEveryChangeOfTheMatches() {
        // limit=1 leaves matches beyond the page, so total is counted, not read off the page.
        String created = events.append(Given.opportunity(sales, 0, "Acme Phase 2", "10", "ann"));
        assertThat(total("q=acme&limit=1", created)).isEqualTo(2);
        assertThat(total("q=acme&limit=1", created)).isEqualTo(2);

        OpportunityCreated third = Given.opportunity(sales, 0, "Acme Phase 3", "10", "ann");
        String added = events.append(third);
        assertThat(total("q=acme&limit=1", added)).isEqualTo(3);

        String deleted = events.append(new OpportunityDeleted(acme.opportunityId(), location));
        assertThat(total("q=acme&limit=1", deleted)).isEqualTo(2);

        String won = events.append(new OpportunityWon(third.opportunityId(), location));
        assertThat(total("q=acme&limit=1", won)).isEqualTo(1);
        assertThat(total("q=acme&limit=1&status=all", won)).isEqualTo(2);
    }

    @Test
    void totalOfAFirstPageHoldingEveryMatchIsItsSize() {
        assertThat(total("q=acme&limit=1", token)).isEqualTo(1);
        assertThat(total("status=all&limit=5", token)).isEqualTo(5);
        assertThat(total("status=all&limit=4", token)).isEqualTo(5);
        assertThat(total("status=abandoned", token)).isZero();
    }

    @Test
    void filtersByEveryCriterion() {
        assertThat(found("status=all")).containsExactlyInAnyOrder(id(acme), id(beta), id(gamma), id(delta), id(euro));
        assertThat(found("status=won")).containsExactly(id(beta));
        assertThat(found("status=lost")).containsExactly(id(gamma));
        assertThat(found("status=abandoned")).isEmpty();
        assertThat(found("status=all&pipelineId=" + partners.pipelineId())).containsExactly(id(euro));
        assertThat(found("stageId=" + sales.stages().get(1).id())).containsExactly(id(delta));
        assertThat(found("status=all&assignedTo=ann")).containsExactlyInAnyOrder(id(acme), id(gamma));
        assertThat(found("status=all&source=referral")).containsExactly(id(beta));
        assertThat(found("status=all&tag=q1")).containsExactlyInAnyOrder(id(acme), id(beta));
        assertThat(found("status=all&tag=q1&tag=hot")).containsExactly(id(acme));
        assertThat(found("contactId=c-zed")).containsExactly(id(delta));
        assertThat(found("status=all&createdFrom=2026-01-05T09:02:00Z&createdTo=2026-01-05T09:04:00Z"))
                .containsExactlyInAnyOrder(id(beta), id(gamma));
        assertThat(found("status=all&valueMin=100&valueMax=500"))
                .containsExactlyInAnyOrder(id(acme), id(beta), id(euro));
        assertThat(found("status=all&assignedTo=ann&valueMin=80")).containsExactly(id(acme));
    }

    @Test
    void textSearchIgnoresCaseAndLooksAtNameAndContact() {
        assertThat(found("status=all&q=ACME")).containsExactly(id(acme));
        assertThat(found("status=all&q=expansion")).containsExactly(id(beta));
        assertThat(found("q=zed%20industries")).containsExactly(id(delta));
        assertThat(found("q=zoe%40zed")).containsExactly(id(delta));
        assertThat(found("q=zoe%20zed")).containsExactly(id(delta));
        assertThat(found("status=all&q=100%25_")).containsExactly(id(euro));
        assertThat(found("status=all&q=%25")).containsExactly(id(euro));
        assertThat(found("status=all&q=nothing-like-this")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"createdAt", "updatedAt", "monetaryValue", "lastStageChangeAt", "name"})
    void sortsByEachKeyBothWays(String key) {
        List<JsonNode> all = new ArrayList<>();
        search("status=all&limit=500").get("items").forEach(all::add);
        Function<JsonNode, String> sortKey = switch (key) {
            case "monetaryValue" -> item -> String.format("%020.2f", item.get(key).decimalValue());
            case "name" -> item -> item.get(key).asText().toLowerCase();
            default -> item -> Instant.parse(item.get(key).asText()).toString();
        };
        Comparator<JsonNode> ascending = Comparator.comparing(sortKey).thenComparing(item -> item.get("id").asText());
        List<String> expected = all.stream().sorted(ascending).map(item -> item.get("id").asText()).toList();
        List<String> reversed = new ArrayList<>(expected);
        Collections.reverse(reversed);

        assertThat(found("status=all&sort=" + key)).containsExactlyElementsOf(expected);
        assertThat(found("status=all&sort=" + key + ":asc")).containsExactlyElementsOf(expected);
        assertThat(found("status=all&sort=-" + key)).containsExactlyElementsOf(reversed);
        assertThat(found("status=all&sort=" + key + ",desc")).containsExactlyElementsOf(reversed);
    }

    private static final int WRITER_ROUNDS = 150;

    @Test
    void pagingVisitsEveryMatchOnceWhileWritesContinue() throws Exception {
        List<Object> created = new ArrayList<>();
        Set<String> initial = new HashSet<>(List.of(id(acme), id(delta), id(euro)));
        for (int i = 0; i < 60; i++) {
            OpportunityCreated deal = Given.opportunity(sales, i % 2, "Bulk " + i, Integer.toString(i), "ann");
            created.add(deal);
            initial.add(deal.opportunityId());
        }
        String ready = events.append(created.toArray());
        List<String> initialIds = List.copyOf(initial);
        AtomicBoolean paging = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random random = new Random(3);
            // Bounded: each round adds a deal after every cursor, so an unbounded writer faster than the pager (a
            // loaded machine) would keep the last page out of reach for ever.
            for (int round = 0; paging.get() && round < WRITER_ROUNDS; round++) {
                String someDeal = initialIds.get(random.nextInt(initialIds.size()));
                events.append(Given.opportunity(sales, 0, "Newcomer", "1", "bob"),
                        new OpportunityRenamed(someDeal, location, "Renamed " + random.nextInt()),
                        new OpportunityValueChanged(someDeal, location, BigDecimal.valueOf(random.nextInt(99)), "USD"));
            }
        });

        for (String sort : List.of("createdAt", "-createdAt")) {
            List<String> visited = new ArrayList<>();
            JsonNode page = read(at("/opportunities?limit=9&sort=" + sort), ready);
            while (true) {
                visited.addAll(ids(page.get("items")));
                if (page.get("nextCursor").isNull()) {
                    break;
                }
                page = read(at("/opportunities?limit=9&sort=" + sort + "&cursor=" + page.get("nextCursor").asText()),
                        null);
            }
            assertThat(visited).as(sort).doesNotHaveDuplicates().containsAll(initial);
        }
        paging.set(false);
        writer.get();
    }

    @Test
    void rejectsBadParameters() {
        for (String query : List.of("status=closed", "sort=size", "sort=name:up", "limit=0", "limit=501",
                "limit=-1", "createdFrom=yesterday", "createdTo=2026-13-01", "valueMin=cheap", "valueMax=1e999",
                "cursor=%25%25", "cursor=WyJhIiwiYiIsImMiXQ")) {
            HttpResponse<String> response = get(at("/opportunities?" + query));
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
            assertThat(json(response).get("errors").get(0).get("field").asText()).as(query)
                    .isEqualTo(query.substring(0, query.indexOf('=')));
        }
        String cursor = search("limit=1").get("nextCursor").asText();
        HttpResponse<String> otherQuery = get(at("/opportunities?limit=1&sort=name&cursor=" + cursor));
        assertThat(otherQuery.statusCode()).isEqualTo(400);
        assertThat(json(otherQuery).get("detail").asText()).contains("cursor");
    }

    private long total(String query, String consistencyToken) {
        return read(at("/opportunities?" + query), consistencyToken).get("total").asLong();
    }

    private JsonNode search(String query) {
        return read(at("/opportunities?" + query), token);
    }

    private List<String> found(String query) {
        return ids(search(query).get("items"));
    }

    private static String id(OpportunityCreated created) {
        return created.opportunityId();
    }
}
