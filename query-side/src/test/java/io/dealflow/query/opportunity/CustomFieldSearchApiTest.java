package io.dealflow.query.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /opportunities filtered by custom field values: cf.key=value and cf.key.min/.max. */
class CustomFieldSearchApiTest extends QueryApiTest {

    private OpportunityCreated deal(PipelineCreated pipeline, String name, Map<String, Object> fields) {
        OpportunityCreated plain = Given.opportunity(pipeline, 0, name, "10", "ann");
        return new OpportunityCreated(plain.opportunityId(), plain.locationId(), name, plain.pipelineId(),
                plain.stageId(), plain.monetaryValue(), plain.currency(), plain.contact(), plain.source(),
                plain.assignedTo(), plain.followers(), plain.tags(), fields);
    }

    private List<String> names(String query, String token) {
        List<String> names = new ArrayList<>();
        read(at("/opportunities?status=all&sort=name&" + query), token).get("items")
                .forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    private void assertBadParameter(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
    }

    @Test
    void filtersByValueListElementNumberAndDateRanges() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated acme = deal(sales, "Acme", Map.of("fit", "good", "budget", 1200.5,
                "closing", "2026-03-31", "channels", List.of("mail", "phone"), "vip", true));
        OpportunityCreated bolt = deal(sales, "Bolt", Map.of("fit", "poor", "budget", 80,
                "closing", "2026-05-01", "channels", List.of("phone")));
        OpportunityCreated core = deal(sales, "Core", Map.of("budget", "unknown"));
        String token = events.append(sales, acme, bolt, core);

        assertThat(names("cf.fit=good", token)).containsExactly("Acme");
        assertThat(names("cf.channels=phone", token)).containsExactly("Acme", "Bolt");
        assertThat(names("cf.vip=true", token)).containsExactly("Acme");
        assertThat(names("cf.budget=1200.50", token)).as("numbers compare by value").containsExactly("Acme");
        assertThat(names("cf.budget=unknown", token)).containsExactly("Core");
        assertThat(names("cf.budget.min=100", token)).containsExactly("Acme");
        assertThat(names("cf.budget.min=80&cf.budget.max=1200.5", token)).containsExactly("Acme", "Bolt");
        assertThat(names("cf.closing.max=2026-03-31", token)).containsExactly("Acme");
        assertThat(names("cf.closing.min=2026-04-01&cf.fit=poor", token)).containsExactly("Bolt");
        assertThat(names("cf.region=emea", token)).isEmpty();
        JsonNode page = read(at("/opportunities?cf.channels=phone&limit=1&sort=name"), token);
        assertThat(page.get("total").asLong()).isEqualTo(2);

        String changed = events.append(new OpportunityCustomFieldsChanged(acme.opportunityId(), location,
                Map.of("fit", "poor")));
        assertThat(names("cf.fit=poor", changed)).containsExactly("Acme", "Bolt");
        assertThat(names("cf.budget.min=0", changed)).as("Acme's budget is gone").containsExactly("Bolt");
    }

    @Test
    void keepsTheCustomFieldFiltersInTheCursor() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        String token = events.append(sales, deal(sales, "Acme", Map.of("fit", "good")),
                deal(sales, "Bolt", Map.of("fit", "good")), deal(sales, "Core", Map.of("fit", "poor")));

        JsonNode first = read(at("/opportunities?cf.fit=good&sort=name&limit=1"), token);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = read(at("/opportunities?cf.fit=good&sort=name&limit=1&cursor=" + cursor), token);
        assertThat(second.get("items").get(0).get("name").asText()).isEqualTo("Bolt");
        assertBadParameter(get(at("/opportunities?cf.fit=poor&sort=name&limit=1&cursor=" + cursor)));
    }

    @Test
    void refusesMalformedCustomFieldFilters() {
        assertBadParameter(get(at("/opportunities?cf.budget.min=lots")));
        assertBadParameter(get(at("/opportunities?cf.closing.max=2026-02-30")));
        assertBadParameter(get(at("/opportunities?cf.=x")));
        assertBadParameter(get(at("/opportunities?cf.fit=")));
        assertBadParameter(get(at("/opportunities?cf.fit=a&cf.fit=b")));
        StringBuilder many = new StringBuilder("/opportunities?");
        for (int i = 0; i < 11; i++) {
            many.append("cf.k").append(i).append("=v&");
        }
        assertBadParameter(get(at(many.toString())));
    }
}
