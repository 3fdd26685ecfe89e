package io.dealflow.query;

import io.dealflow.events.Contact;
import io.dealflow.events.Stage;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.pipeline.PipelineCreated;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ready-made events for tests: a pipeline with named stages, an opportunity in a stage.
 */
public final class Given {

    private Given() {
    }

    /** A pipeline whose stages have the given names and win probabilities 10, 20, 30, ... */
    public static PipelineCreated pipeline(String locationId, String name, String... stageNames) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < stageNames.length; i++) {
            stages.add(new Stage(UUID.randomUUID().toString(), stageNames[i], i, 10 * (i + 1)));
        }
        return new PipelineCreated(UUID.randomUUID().toString(), locationId, name, stages);
    }

    /** An opportunity with a value in USD, a contact, an owner, a source and tags. */
    public static OpportunityCreated opportunity(PipelineCreated pipeline, int stage, String name, String value,
                                                 String owner) {
        return opportunity(pipeline, stage, name, value, "USD", owner, "web", List.of("hot"));
    }

    public static OpportunityCreated opportunity(PipelineCreated pipeline, int stage, String name, String value,
                                                 String currency, String owner, String source, List<String> tags) {
        String id = UUID.randomUUID().toString();
        return new OpportunityCreated(id, pipeline.locationId(), name, pipeline.pipelineId(),
                pipeline.stages().get(stage).id(), new BigDecimal(value), currency,
                new Contact("contact-" + name, name + " Contact", name.toLowerCase().replace(' ', '.') + "@example.com",
                        "+1 555 0100", name + " Corp"),
                source, owner, List.of(), tags, Map.of("priority", "high"));
    }
}
