package io.dealflow.command.pipeline;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.Stage;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.dealflow.command.pipeline.PipelineFixtures.CLOSING;
import static io.dealflow.command.pipeline.PipelineFixtures.LEAD;
import static io.dealflow.command.pipeline.PipelineFixtures.LOCATION;
import static io.dealflow.command.pipeline.PipelineFixtures.OTHER_LOCATION;
import static io.dealflow.command.pipeline.PipelineFixtures.PIPELINE;
import static io.dealflow.command.pipeline.PipelineFixtures.PROPOSAL;
import static io.dealflow.command.pipeline.PipelineFixtures.aOneStagePipeline;
import static io.dealflow.command.pipeline.PipelineFixtures.aSalesPipeline;
import static io.dealflow.command.pipeline.PipelineFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {

    private AggregateTestFixture<Pipeline> fixture;
    private InMemoryPipelineLookup lookup;
    /** Evacuations the pipeline asked for, as "from -> to"; the opportunities are not part of these tests. */
    private List<String> moves;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Pipeline.class);
        lookup = new InMemoryPipelineLookup();
        moves = new ArrayList<>();
        fixture.registerInjectableResource(lookup);
        fixture.registerInjectableResource((StageEvacuation) (locationId, pipelineId, fromStageId, toStageId) -> {
            moves.add(locationId + " " + pipelineId + " " + fromStageId + " -> " + toStageId);
            return lookup.openOpportunitiesIn(pipelineId, fromStageId).size();
        });
    }

    @Nested
    class Create {

        @Test
        void createsPipelineWithStagesInOrder() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "  Sales ", List.of(
                            new CreatePipeline.NewStage(LEAD, " Lead", 10),
                            new CreatePipeline.NewStage(PROPOSAL, "Proposal", 50),
                            new CreatePipeline.NewStage(CLOSING, "Closing ", 90))))
                    .expectEvents(aSalesPipeline());
        }

        @Test
        void rejectsBlankName() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "   ", oneStage("Lead", 10)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsNameOver255Characters() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "x".repeat(256), oneStage("Lead", 10)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void acceptsNameOf255CharactersAfterTrimming() {
            String name = "x".repeat(255);
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, " " + name + " ", oneStage("Lead", 10)))
                    .expectEvents(new PipelineCreated(PIPELINE, LOCATION, name,
                            List.of(new Stage(LEAD, "Lead", 0, 10))));
        }

        @Test
        void acceptsAHundredStages() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", numberedStages(Pipeline.MAX_STAGES)))
                    .expectEvents(aPipelineOf(Pipeline.MAX_STAGES));
        }

        @Test
        void rejectsMoreThanAHundredStages() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", numberedStages(Pipeline.MAX_STAGES + 1)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "too-many-stages"));
        }

        @Test
        void rejectsPipelineWithoutStages() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", List.of()))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "no-stages"));
        }

        @Test
        void rejectsBlankStageName() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", oneStage(" ", 10)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsWinProbabilityOutOfRange() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", oneStage("Lead", 101)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-win-probability"));
        }

        @Test
        void rejectsMissingWinProbability() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", oneStage("Lead", null)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-win-probability"));
        }

        @Test
        void rejectsStageNamesThatDifferOnlyInCase() {
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", List.of(
                            new CreatePipeline.NewStage(LEAD, "Lead", 10),
                            new CreatePipeline.NewStage(PROPOSAL, "LEAD ", 20))))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-stage-name"));
        }

        @Test
        void rejectsNameTakenByAnotherPipelineOfTheLocation() {
            lookup.pipelineNamed(LOCATION, "sales");
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Sales", oneStage("Lead", 10)))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-pipeline-name"));
        }

        @Test
        void acceptsNameUsedInAnotherLocation() {
            lookup.pipelineNamed(OTHER_LOCATION, "Solo");
            fixture.givenNoPriorActivity()
                    .when(new CreatePipeline(PIPELINE, LOCATION, "Solo", oneStage("Lead", 10)))
                    .expectEvents(aOneStagePipeline());
        }
    }

    @Nested
    class Rename {

        @Test
        void renamesPipelineAndAnswersNewVersion() {
            fixture.given(aSalesPipeline())
                    .when(new RenamePipeline(PIPELINE, LOCATION, " Enterprise ", null))
                    .expectEvents(new PipelineRenamed(PIPELINE, LOCATION, "Enterprise"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresRenameToCurrentName() {
            fixture.given(aSalesPipeline(), new PipelineRenamed(PIPELINE, LOCATION, "Sales 2"))
                    .when(new RenamePipeline(PIPELINE, LOCATION, "Sales 2", 2L))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void changesCaseOfOwnName() {
            fixture.given(aSalesPipeline())
                    .when(new RenamePipeline(PIPELINE, LOCATION, "SALES", null))
                    .expectEvents(new PipelineRenamed(PIPELINE, LOCATION, "SALES"));
        }

        @Test
        void rejectsNameTakenByAnotherPipeline() {
            lookup.pipelineNamed(LOCATION, "Enterprise");
            fixture.given(aSalesPipeline())
                    .when(new RenamePipeline(PIPELINE, LOCATION, "enterprise", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-pipeline-name"));
        }

        @Test
        void rejectsBlankName() {
            fixture.given(aSalesPipeline())
                    .when(new RenamePipeline(PIPELINE, LOCATION, "", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsStaleExpectedVersion() {
            fixture.given(aSalesPipeline(), new PipelineRenamed(PIPELINE, LOCATION, "Sales 2"))
                    .when(new RenamePipeline(PIPELINE, LOCATION, "Sales 3", 1L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void treatsPipelineOfAnotherLocationAsMissing() {
            fixture.given(aSalesPipeline())
                    .when(new RenamePipeline(PIPELINE, OTHER_LOCATION, "Mine", null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "pipeline-not-found"));
        }

        @Test
        void treatsDeletedPipelineAsMissing() {
            fixture.given(aSalesPipeline(), new PipelineDeleted(PIPELINE, LOCATION))
                    .when(new RenamePipeline(PIPELINE, LOCATION, "Again", null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "pipeline-not-found"));
        }
    }

    @Nested
    class AddStageCommand {

        @Test
        void addsStageAtTheEndByDefault() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", " Contract ", 95, null, 1L))
                    .expectEvents(new PipelineStageAdded(PIPELINE, LOCATION, "stage-new", "Contract", 3, 95))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void addsStageAtTheGivenPosition() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Qualified", 20, 1, null))
                    .expectEvents(new PipelineStageAdded(PIPELINE, LOCATION, "stage-new", "Qualified", 1, 20));
        }

        @Test
        void placesLaterStagesAfterTheAddedOne() {
            fixture.given(aSalesPipeline(),
                            new PipelineStageAdded(PIPELINE, LOCATION, "stage-new", "Qualified", 0, 5))
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of("stage-new", LEAD, PROPOSAL, CLOSING), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejectsTheHundredAndFirstStage() {
            fixture.given(aPipelineOf(Pipeline.MAX_STAGES))
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "One too many", 50, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "too-many-stages"));
        }

        @Test
        void addsTheHundredthStage() {
            fixture.given(aPipelineOf(Pipeline.MAX_STAGES - 1))
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Last one", 50, null, null))
                    .expectEvents(new PipelineStageAdded(PIPELINE, LOCATION, "stage-new", "Last one",
                            Pipeline.MAX_STAGES - 1, 50));
        }

        @Test
        void rejectsPositionPastTheEnd() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Contract", 95, 4, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-position"));
        }

        @Test
        void rejectsNegativePosition() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Contract", 95, -1, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-position"));
        }

        @Test
        void rejectsNameOfAnotherStageIgnoringCase() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "proposal", 50, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-stage-name"));
        }

        @Test
        void acceptsNameOfARemovedStage() {
            fixture.given(aSalesPipeline(), new PipelineStageRemoved(PIPELINE, LOCATION, PROPOSAL, null))
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Proposal", 40, null, null))
                    .expectEvents(new PipelineStageAdded(PIPELINE, LOCATION, "stage-new", "Proposal", 2, 40));
        }

        @Test
        void rejectsWinProbabilityBelowZero() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Contract", -1, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-win-probability"));
        }

        @Test
        void rejectsStaleExpectedVersion() {
            fixture.given(aSalesPipeline())
                    .when(new AddStage(PIPELINE, LOCATION, "stage-new", "Contract", 95, null, 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }
    }

    @Nested
    class EditStageCommand {

        @Test
        void renamesAndReweighsWithOneEventEach() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "Offer", 60, 1L))
                    .expectEvents(new PipelineStageRenamed(PIPELINE, LOCATION, PROPOSAL, "Offer"),
                            new PipelineStageProbabilityChanged(PIPELINE, LOCATION, PROPOSAL, 60))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void changesOnlyTheGivenFacet() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, null, 55, null))
                    .expectEvents(new PipelineStageProbabilityChanged(PIPELINE, LOCATION, PROPOSAL, 55));
        }

        @Test
        void ignoresValuesTheStageAlreadyHas() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "Proposal", 50, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void changesCaseOfOwnName() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "PROPOSAL", null, null))
                    .expectEvents(new PipelineStageRenamed(PIPELINE, LOCATION, PROPOSAL, "PROPOSAL"));
        }

        @Test
        void rejectsNameOfAnotherStage() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "closing", 60, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-stage-name"));
        }

        @Test
        void rejectsWholeEditWhenOneFacetIsInvalid() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "Offer", 150, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-win-probability"));
        }

        @Test
        void rejectsUnknownStage() {
            fixture.given(aSalesPipeline())
                    .when(new EditStage(PIPELINE, LOCATION, "stage-unknown", "Offer", null, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "stage-not-found"));
        }

        @Test
        void rejectsRemovedStage() {
            fixture.given(aSalesPipeline(), new PipelineStageRemoved(PIPELINE, LOCATION, PROPOSAL, null))
                    .when(new EditStage(PIPELINE, LOCATION, PROPOSAL, "Offer", null, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "stage-not-found"));
        }
    }

    @Nested
    class Reorder {

        @Test
        void reordersStages() {
            fixture.given(aSalesPipeline())
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(CLOSING, LEAD, PROPOSAL), 1L))
                    .expectEvents(new PipelineStagesReordered(PIPELINE, LOCATION, List.of(CLOSING, LEAD, PROPOSAL)))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresCurrentOrder() {
            fixture.given(aSalesPipeline())
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(LEAD, PROPOSAL, CLOSING), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsMissingStage() {
            fixture.given(aSalesPipeline())
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(CLOSING, LEAD), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "not-a-permutation"));
        }

        @Test
        void rejectsRepeatedStage() {
            fixture.given(aSalesPipeline())
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(CLOSING, LEAD, LEAD), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "not-a-permutation"));
        }

        @Test
        void rejectsRemovedStage() {
            fixture.given(aSalesPipeline(), new PipelineStageRemoved(PIPELINE, LOCATION, PROPOSAL, null))
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(CLOSING, PROPOSAL), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "not-a-permutation"));
        }

        @Test
        void rejectsStaleExpectedVersion() {
            fixture.given(aSalesPipeline())
                    .when(new ReorderStages(PIPELINE, LOCATION, List.of(CLOSING, LEAD, PROPOSAL), 3L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }
    }

    @Nested
    class Remove {

        @Test
        void removesEmptyStageWithoutTarget() {
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, null, 1L))
                    .expectEvents(new PipelineStageRemoved(PIPELINE, LOCATION, PROPOSAL, null))
                    .expectResultMessagePayload(2L);
            assertThat(moves).isEmpty();
        }

        @Test
        void movesOpenOpportunitiesToTheTarget() {
            lookup.openIn(PIPELINE, PROPOSAL, "deal-1", "deal-2");
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, CLOSING, null))
                    .expectEvents(new PipelineStageRemoved(PIPELINE, LOCATION, PROPOSAL, CLOSING))
                    .expectResultMessagePayload(2L);
            assertThat(moves).containsExactly(LOCATION + " " + PIPELINE + " " + PROPOSAL + " -> " + CLOSING);
        }

        @Test
        void requiresTargetWhenStageHoldsOpenOpportunities() {
            lookup.openIn(PIPELINE, PROPOSAL, "deal-1");
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "move-open-to-required"));
            assertThat(moves).isEmpty();
        }

        @Test
        void rejectsTheRemovedStageAsTarget() {
            lookup.openIn(PIPELINE, PROPOSAL, "deal-1");
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, PROPOSAL, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-move-target"));
        }

        @Test
        void rejectsTargetOutsideThePipeline() {
            lookup.openIn(PIPELINE, PROPOSAL, "deal-1");
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, "stage-elsewhere", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-move-target"));
        }

        @Test
        void rejectsAlreadyRemovedTarget() {
            fixture.given(aSalesPipeline(), new PipelineStageRemoved(PIPELINE, LOCATION, CLOSING, null))
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, CLOSING, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-move-target"));
        }

        @Test
        void keepsTheLastStage() {
            fixture.given(aOneStagePipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, LEAD, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "last-stage"));
        }

        @Test
        void rejectsUnknownStage() {
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, "stage-unknown", null, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "stage-not-found"));
        }

        @Test
        void rejectsStaleExpectedVersion() {
            fixture.given(aSalesPipeline())
                    .when(new RemoveStage(PIPELINE, LOCATION, PROPOSAL, null, 7L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesPipelineWithoutOpenOpportunities() {
            fixture.given(aSalesPipeline())
                    .when(new DeletePipeline(PIPELINE, LOCATION, 1L))
                    .expectEvents(new PipelineDeleted(PIPELINE, LOCATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesWhileItHoldsOpenOpportunities() {
            lookup.openIn(PIPELINE, CLOSING, "deal-1");
            fixture.given(aSalesPipeline())
                    .when(new DeletePipeline(PIPELINE, LOCATION, null))
                    .expectNoEvents()
                    .expectException(refusal(StateConflict.class, "pipeline-holds-open-opportunities"));
        }

        @Test
        void ignoresDeleteOfDeletedPipeline() {
            fixture.given(aSalesPipeline(), new PipelineDeleted(PIPELINE, LOCATION))
                    .when(new DeletePipeline(PIPELINE, LOCATION, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void treatsPipelineOfAnotherLocationAsMissing() {
            fixture.given(aSalesPipeline())
                    .when(new DeletePipeline(PIPELINE, OTHER_LOCATION, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "pipeline-not-found"));
        }

        @Test
        void rejectsStaleExpectedVersion() {
            fixture.given(aSalesPipeline(), new PipelineRenamed(PIPELINE, LOCATION, "Sales 2"))
                    .when(new DeletePipeline(PIPELINE, LOCATION, 1L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }
    }

    private static List<CreatePipeline.NewStage> oneStage(String name, Integer winProbability) {
        return List.of(new CreatePipeline.NewStage(LEAD, name, winProbability));
    }

    /** A pipeline created with {@link #numberedStages}. */
    private static PipelineCreated aPipelineOf(int stageCount) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < stageCount; i++) {
            stages.add(new Stage("stage-" + i, "Stage " + i, i, 50));
        }
        return new PipelineCreated(PIPELINE, LOCATION, "Sales", stages);
    }

    /** Stages {@code stage-0 .. stage-(count-1)} named "Stage i", each with win probability 50. */
    private static List<CreatePipeline.NewStage> numberedStages(int count) {
        List<CreatePipeline.NewStage> stages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stages.add(new CreatePipeline.NewStage("stage-" + i, "Stage " + i, 50));
        }
        return stages;
    }
}
