package io.dealflow.command.pipeline;

import io.dealflow.command.errors.CommandRefused;
import io.dealflow.events.Stage;
import io.dealflow.events.pipeline.PipelineCreated;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

import java.util.List;

/**
 * Named states of a pipeline for fixture tests.
 */
final class PipelineFixtures {

    static final String LOCATION = "loc-1";
    static final String OTHER_LOCATION = "loc-2";
    static final String PIPELINE = "pipeline-1";
    static final String LEAD = "stage-lead";
    static final String PROPOSAL = "stage-proposal";
    static final String CLOSING = "stage-closing";

    private PipelineFixtures() {
    }

    /** "Sales" with Lead (10 %), Proposal (50 %) and Closing (90 %). */
    static PipelineCreated aSalesPipeline() {
        return new PipelineCreated(PIPELINE, LOCATION, "Sales", List.of(
                new Stage(LEAD, "Lead", 0, 10),
                new Stage(PROPOSAL, "Proposal", 1, 50),
                new Stage(CLOSING, "Closing", 2, 90)));
    }

    /** "Solo" with a single stage, Lead (10 %). */
    static PipelineCreated aOneStagePipeline() {
        return new PipelineCreated(PIPELINE, LOCATION, "Solo", List.of(new Stage(LEAD, "Lead", 0, 10)));
    }

    /** A refusal of the given kind with the given stable code. */
    static Matcher<Object> refusal(Class<? extends CommandRefused> type, String code) {
        return new CustomTypeSafeMatcher<>(type.getSimpleName() + " " + code) {
            @Override
            protected boolean matchesSafely(Object item) {
                return type.isInstance(item) && ((CommandRefused) item).code().equals(code);
            }
        };
    }
}
