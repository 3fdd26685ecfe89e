package io.dealflow.query.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineApiTest extends QueryApiTest {

    @Test
    void listsPipelinesWithStagesInBoardOrder() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New", "Won");
        events.append(sales);
        String token = events.append(new PipelineStageAdded(sales.pipelineId(), location, "s-mid", "Demo", 1, 50));

        JsonNode list = read(at("/pipelines"), token);

        assertThat(list.get("items")).hasSize(1);
        JsonNode pipeline = list.get("items").get(0);
        assertThat(pipeline.get("id").asText()).isEqualTo(sales.pipelineId());
        assertThat(pipeline.get("name").asText()).isEqualTo("Sales");
        assertThat(pipeline.get("stages").findValuesAsText("name")).containsExactly("New", "Demo", "Won");
        assertThat(pipeline.get("stages").findValuesAsText("position")).containsExactly("0", "1", "2");
        assertThat(pipeline.get("stages").get(1).get("winProbability").asInt()).isEqualTo(50);
    }

    @Test
    void showsOnePipelineWithItsVersionAsETag() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        events.append(sales);
        String token = events.append(new PipelineRenamed(sales.pipelineId(), location, "Enterprise"));

        HttpResponse<String> response = get(at("/pipelines/" + sales.pipelineId()), "Consistency-Token", token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains("\"2\"");
        assertThat(json(response).get("name").asText()).isEqualTo("Enterprise");
        assertThat(json(response).get("version").asLong()).isEqualTo(2);
    }

    @Test
    void hidesDeletedPipelinesAndThoseOfOtherLocations() {
        PipelineCreated deleted = Given.pipeline(location, "Old", "New");
        PipelineCreated elsewhere = Given.pipeline("other-location", "Theirs", "New");
        events.append(deleted, elsewhere);
        String token = events.append(new PipelineDeleted(deleted.pipelineId(), location));

        assertThat(read(at("/pipelines"), token).get("items")).isEmpty();
        HttpResponse<String> gone = get(at("/pipelines/" + deleted.pipelineId()), "Consistency-Token", token);
        HttpResponse<String> foreign = get(at("/pipelines/" + elsewhere.pipelineId()), "Consistency-Token", token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(json(foreign).get("type").asText()).isEqualTo("https://dealflow.io/problems/pipeline-not-found");
        assertThat(foreign.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void servesHealthAndAnOpenApiDocumentOfTheQueries() {
        assertThat(get("/actuator/health").body()).contains("\"UP\"");
        String api = get("/v3/api-docs").body();
        assertThat(api).contains("/api/v1/locations/{locationId}/opportunities/{opportunityId}",
                "/api/v1/locations/{locationId}/pipelines/{pipelineId}/board", "totalsByCurrency", "nextCursor",
                "/api/v1/locations/{locationId}/lost-reasons");
    }

    @Test
    void rejectsMalformedLocation() {
        HttpResponse<String> response = get("/api/v1/locations/bad%20location/pipelines");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/bad-parameter");
        assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("locationId");
    }
}
