package io.dealflow.highlevel.pipeline;

import io.dealflow.command.pipeline.AddStage;
import io.dealflow.command.pipeline.EditStage;
import io.dealflow.command.pipeline.RemoveStage;
import io.dealflow.command.pipeline.ReorderStages;
import io.dealflow.highlevel.http.HighLevelRefusal;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The plan that turns a HighLevel stage list into dealflow's stage commands, in an order where each is valid.
 */
class PipelineReplacementTest {

    private static final String PIPELINE = "pipe";
    private static final String LOCATION = "loc";
    private static final List<PipelineReplacement.CurrentStage> CURRENT = List.of(
            new PipelineReplacement.CurrentStage("s-lead", "Lead", 10),
            new PipelineReplacement.CurrentStage("s-demo", "Demo", 40),
            new PipelineReplacement.CurrentStage("s-offer", "Offer", 70));

    private static StageInput kept(String id, String name, Integer probability) {
        return new StageInput(id, name, null, null, null, probability);
    }

    private static StageInput added(String name) {
        return new StageInput(null, name, null, null, null, null);
    }

    private static Supplier<String> newIds() {
        AtomicInteger next = new AtomicInteger(1);
        return () -> "new-" + next.getAndIncrement();
    }

    private static List<Object> plan(List<StageInput> wanted) {
        PipelineReplacement.check(CURRENT, wanted);
        return PipelineReplacement.commands(PIPELINE, LOCATION, CURRENT, wanted, newIds());
    }

    @Test
    void sendsNothingForTheSameStages() {
        assertThat(plan(List.of(kept("s-lead", "Lead", null), kept("s-demo", "Demo", 40),
                kept("s-offer", "Offer", null)))).isEmpty();
    }

    @Test
    void editsAddsRemovesIntoTheFirstWantedStageAndReorders() {
        List<Object> commands = plan(List.of(kept("s-offer", "Proposal", 75), added("Closing"),
                kept("s-lead", "Lead", null)));

        assertThat(commands).containsExactly(
                new EditStage(PIPELINE, LOCATION, "s-offer", "Proposal", 75, null),
                new AddStage(PIPELINE, LOCATION, "new-1", "Closing", 0, null, null),
                new RemoveStage(PIPELINE, LOCATION, "s-demo", "s-offer", null),
                new ReorderStages(PIPELINE, LOCATION, List.of("s-offer", "new-1", "s-lead"), null));
    }

    @Test
    void movesRemovedStagesDealsIntoANewFirstStage() {
        List<Object> commands = plan(List.of(added("Intake"), kept("s-demo", "Demo", null)));

        assertThat(commands).containsExactly(
                new AddStage(PIPELINE, LOCATION, "new-1", "Intake", 0, null, null),
                new RemoveStage(PIPELINE, LOCATION, "s-lead", "new-1", null),
                new RemoveStage(PIPELINE, LOCATION, "s-offer", "new-1", null),
                new ReorderStages(PIPELINE, LOCATION, List.of("new-1", "s-demo"), null));
    }

    @Test
    void renamesARemovedStageAsideWhenANewStageTakesItsName() {
        List<Object> commands = plan(List.of(added("lead"), kept("s-demo", "Demo", null),
                kept("s-offer", "Offer", null)));

        assertThat(commands).containsExactly(
                new EditStage(PIPELINE, LOCATION, "s-lead", "Lead ~s-lead", null, null),
                new AddStage(PIPELINE, LOCATION, "new-1", "lead", 0, null, null),
                new RemoveStage(PIPELINE, LOCATION, "s-lead", "new-1", null),
                new ReorderStages(PIPELINE, LOCATION, List.of("new-1", "s-demo", "s-offer"), null));
    }

    @Test
    void swapsTwoNamesThroughANameAside() {
        List<Object> commands = plan(List.of(kept("s-lead", "Demo", null), kept("s-demo", "Lead", null),
                kept("s-offer", "Offer", null)));

        assertThat(commands).containsExactly(
                new EditStage(PIPELINE, LOCATION, "s-lead", "Lead ~s-lead", null, null),
                new EditStage(PIPELINE, LOCATION, "s-demo", "Demo ~s-demo", null, null),
                new EditStage(PIPELINE, LOCATION, "s-lead", "Demo", null, null),
                new EditStage(PIPELINE, LOCATION, "s-demo", "Lead", null, null));
    }

    @Test
    void renamesOnlyTheCaseOfAName() {
        assertThat(plan(List.of(kept("s-lead", "LEAD", null), kept("s-demo", "Demo", null),
                kept("s-offer", "Offer", null))))
                .containsExactly(new EditStage(PIPELINE, LOCATION, "s-lead", "LEAD", null, null));
    }

    @Test
    void ordersByPositionKeepingTheListOrderForTies() {
        List<StageInput> stages = List.of(new StageInput(null, "B", 1, null, null, null),
                new StageInput(null, "A", 0, null, null, null), new StageInput(null, "C", null, null, null, null),
                new StageInput(null, "D", 1, null, null, null));

        assertThat(PipelineReplacement.inOrder(stages)).extracting(StageInput::name).containsExactly("A", "B", "D",
                "C");
    }

    @Test
    void refusesUnknownOrRepeatedIdsAndRepeatedNamesAtOnce() {
        assertThatThrownBy(() -> PipelineReplacement.check(CURRENT, List.of(kept("s-gone", "A", null),
                kept("s-lead", "B", null), kept("s-lead", "C", null), added("b"))))
                .isInstanceOfSatisfying(HighLevelRefusal.class, refusal -> assertThat(refusal.getMessage())
                        .contains("stages.0.id s-gone is not a stage of this pipeline",
                                "stages.2.id s-lead appears more than once",
                                "stages.3.name b is used by more than one stage"));
    }
}
