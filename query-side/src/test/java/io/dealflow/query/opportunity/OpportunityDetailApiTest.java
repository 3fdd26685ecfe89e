package io.dealflow.query.opportunity;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityDetailApiTest extends QueryApiTest {

    @Test
    void showsEveryContractFieldWithTheWriteSideVersionAsETag() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "99.90", "ann");
        String id = deal.opportunityId();
        events.append(sales, deal, new OpportunityFollowerAdded(id, location, "u7"));
        String token = events.append(new OpportunityNoteAdded(id, location, "n1", "called"),
                new OpportunityLost(id, location, "r1", "Too expensive"));

        HttpResponse<String> response = get(at("/opportunities/" + id), "Consistency-Token", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"" + events.version(id) + "\"");
        JsonNode body = json(response);
        assertThat(body.get("version").asLong()).isEqualTo(4).isEqualTo(events.version(id));
        List<String> fields = List.of("id", "locationId", "name", "pipelineId", "stageId", "status", "monetaryValue",
                "currency", "contact", "source", "assignedTo", "followers", "tags", "customFields", "lostReasonId",
                "lostReason", "createdAt", "updatedAt", "lastStageChangeAt", "lastStatusChangeAt", "version");
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(fields);
        assertThat(body.get("status").asText()).isEqualTo("lost");
        assertThat(body.get("lostReason").asText()).isEqualTo("Too expensive");
        assertThat(body.get("monetaryValue").decimalValue()).isEqualByComparingTo("99.90");
        assertThat(body.get("followers").get(0).asText()).isEqualTo("u7");
        assertThat(body.get("contact").get("companyName").asText()).isEqualTo("Acme Corp");
        assertThat(body.get("customFields").get("priority").asText()).isEqualTo("high");

        HttpResponse<String> unchanged = get(at("/opportunities/" + id), "If-None-Match", "\"4\"");
        assertThat(unchanged.statusCode()).isEqualTo(304);
    }

    @Test
    void answers404ForUnknownDeletedOrForeignOpportunitiesAndShowsRestoredOnes() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");
        PipelineCreated theirs = Given.pipeline("other-loc", "Theirs", "New");
        OpportunityCreated foreign = Given.opportunity(theirs, 0, "Foreign", "10", "ann");
        String token = events.append(sales, deal, theirs, foreign,
                new OpportunityDeleted(deal.opportunityId(), location));

        for (String id : List.of(deal.opportunityId(), foreign.opportunityId(), "no-such-id")) {
            HttpResponse<String> response = get(at("/opportunities/" + id), "Consistency-Token", token);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(json(response).get("type").asText())
                    .isEqualTo("https://dealflow.io/problems/opportunity-not-found");
        }
        assertThat(read(at("/opportunities?status=all"), token).get("total").asLong()).isZero();

        String restored = events.append(new OpportunityRestored(deal.opportunityId(), location));
        assertThat(read(at("/opportunities/" + deal.opportunityId()), restored).get("version").asLong()).isEqualTo(3);
        assertThat(read(at("/opportunities"), restored).get("total").asLong()).isEqualTo(1);
    }
}
