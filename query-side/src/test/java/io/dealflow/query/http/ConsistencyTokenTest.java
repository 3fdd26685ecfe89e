package io.dealflow.query.http;

import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.query.Given;
import io.dealflow.query.QueryApiTest;
import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConsistencyTokenTest extends QueryApiTest {

    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private ProcessorPositions positions;


    @AfterEach
    void everyProcessorRuns() {
        ReadModels.ALL.forEach(name -> processor(name).start());
    }

    @Test
    void queryWithTheTokenSeesTheWriteAtOnce() {
        PipelineCreated sales = Given.pipeline(location, "Sales", "New");
        OpportunityCreated deal = Given.opportunity(sales, 0, "Acme", "10", "ann");

        for (int i = 0; i < 5; i++) {
            String token = events.append(i == 0 ? sales : Given.opportunity(sales, 0, "Deal " + i, "1", "ann"));
            assertThat(read(at("/pipelines/" + sales.pipelineId() + "/board"), token).get("stages").get(0)
                    .get("count").asInt()).isEqualTo(i);
        }
        String token = events.append(deal);
        assertThat(get(at("/opportunities/" + deal.opportunityId()), "Consistency-Token", token).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aStoppedProjectionCoversOnlyEventsItHasNoBusinessWith() {
        String before = events.append(Given.pipeline(location, "Sales", "New"));
        await().until(() -> positions.cover(Long.parseLong(before), ReadModels.ALL));
        processor(ReadModels.PIPELINES).shutDown();
        processor(ReadModels.OPPORTUNITIES).shutDown();

        String lostReason = events.append(new LostReasonCreated(newId(), location, "Budget"));
        assertThat(positions.cover(Long.parseLong(lostReason), List.of(ReadModels.PIPELINES))).isTrue();
        assertThat(positions.cover(Long.parseLong(lostReason), List.of(ReadModels.OPPORTUNITIES))).isTrue();
        assertThat(get(at("/pipelines"), "Consistency-Token", lostReason).statusCode()).isEqualTo(200);

        PipelineCreated partners = Given.pipeline(location, "Partners", "Intro");
        String pipeline = events.append(partners);
        String opportunity = events.append(Given.opportunity(partners, 0, "Acme", "1", "ann"));
        assertThat(positions.cover(Long.parseLong(pipeline), List.of(ReadModels.PIPELINES))).isFalse();
        assertThat(positions.cover(Long.parseLong(opportunity), List.of(ReadModels.OPPORTUNITIES))).isFalse();
        assertThat(positions.cover(Long.parseLong(pipeline), List.of(ReadModels.OPPORTUNITIES))).isTrue();

        processor(ReadModels.PIPELINES).start();
        processor(ReadModels.OPPORTUNITIES).start();
        assertThat(read(at("/pipelines"), pipeline).get("items")).hasSize(2);
        assertThat(read(at("/opportunities"), opportunity).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aTokenPastAnAppendThatRolledBackIsCoveredOnceProcessed() {
        String before = events.append(Given.pipeline(location, "Sales", "New"));
        await().until(() -> positions.cover(Long.parseLong(before), ReadModels.ALL));
        // An append that rolls back (a dry-run import, a lost race) leaves a gap the processors' tokens keep.
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO event_store.domain_event_entry (event_identifier, aggregate_identifier,"
                    + " sequence_number, type, time_stamp, payload_type, payload) VALUES (?, ?, 0, 'Opportunity',"
                    + " '2026-01-01T00:00:00Z', 'java.lang.String', ?)", newId(), newId(), new byte[]{'1'});
            status.setRollbackOnly();
        });
        String after = events.append(new LostReasonCreated(newId(), location, "Budget"));

        await().atMost(Duration.ofSeconds(10)).until(() -> positions.cover(Long.parseLong(after), ReadModels.ALL));
        assertThat(get(at("/lost-reasons"), "Consistency-Token", after).statusCode()).isEqualTo(200);
    }

    @Test
    void answers503WithRetryAfterWhenTheProjectionDoesNotCatchUpInTime() {
        processor(ReadModels.LOST_REASONS).shutDown();
        String token = events.append(new LostReasonCreated(newId(), location, "Budget"));

        HttpResponse<String> response = get(at("/lost-reasons"), "Consistency-Token", token);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(json(response).get("type").asText()).isEqualTo("https://dealflow.io/problems/read-model-behind");
        HttpResponse<String> withoutToken = get(at("/lost-reasons"));
        assertThat(withoutToken.statusCode()).isEqualTo(200);
        assertThat(json(withoutToken).get("items")).isEmpty();
    }

    @Test
    void rejectsAMalformedToken() {
        for (String token : List.of("abc", "-1", "1.5", "99999999999999999999")) {
            HttpResponse<String> response = get(at("/opportunities"), "Consistency-Token", token);
            assertThat(response.statusCode()).as(token).isEqualTo(400);
            assertThat(json(response).get("errors").get(0).get("field").asText()).isEqualTo("Consistency-Token");
        }
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
    }
}
