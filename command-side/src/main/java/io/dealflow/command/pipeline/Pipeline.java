package io.dealflow.command.pipeline;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.Stage;
import io.dealflow.events.StorableText;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStageRenamed;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sales pipeline of a location: its name and its stages in board order, each with the probability that a deal in
 * it is won. Its names are unique per location and its stage names unique within it, ignoring case.
 */
@Aggregate
class Pipeline {

    static final int MAX_NAME_LENGTH = 255;
    /** Most stages a pipeline may have: a board of more is unusable, and every stage costs rows in each read model. */
    static final int MAX_STAGES = 100;

    @AggregateIdentifier
    private String pipelineId;
    private String locationId;
    private String name;
    /** The live stages, in board order: the index is the position. */
    private List<StageState> stages;
    private boolean deleted;

    @CommandHandler
    Pipeline(CreatePipeline command, PipelineLookup lookup) {
        String pipelineName = checkedName(command.name(), "name");
        if (command.stages() == null || command.stages().isEmpty()) {
            throw new RuleViolated("no-stages", "stages", "a pipeline needs at least one stage");
        }
        if (command.stages().size() > MAX_STAGES) {
            throw tooManyStages("stages");
        }
        List<Stage> newStages = new ArrayList<>();
        Set<String> stageNames = new HashSet<>();
        for (int position = 0; position < command.stages().size(); position++) {
            CreatePipeline.NewStage stage = command.stages().get(position);
            String field = "stages[" + position + "]";
            String stageName = checkedName(stage.name(), field + ".name");
            int winProbability = checkedWinProbability(stage.winProbability(), field + ".winProbability");
            if (!stageNames.add(folded(stageName))) {
                throw duplicateStageName(stageName, field + ".name");
            }
            newStages.add(new Stage(stage.stageId(), stageName, position, winProbability));
        }
        if (lookup.pipelineNameTaken(command.locationId(), pipelineName, null)) {
            throw duplicatePipelineName(pipelineName);
        }
        apply(new PipelineCreated(command.pipelineId(), command.locationId(), pipelineName, newStages));
    }

    @CommandHandler
    long rename(RenamePipeline command, PipelineLookup lookup) {
        checkLive(command.locationId(), command.expectedVersion());
        String newName = checkedName(command.name(), "name");
        if (newName.equals(name)) {
            return version();
        }
        if (lookup.pipelineNameTaken(locationId, newName, pipelineId)) {
            throw duplicatePipelineName(newName);
        }
        apply(new PipelineRenamed(pipelineId, locationId, newName));
        return version();
    }

    @CommandHandler
    long addStage(AddStage command) {
        checkLive(command.locationId(), command.expectedVersion());
        String stageName = checkedName(command.name(), "name");
        int winProbability = checkedWinProbability(command.winProbability(), "winProbability");
        if (stages.size() >= MAX_STAGES) {
            throw tooManyStages(null);
        }
        int position = command.position() == null ? stages.size() : command.position();
        if (position < 0 || position > stages.size()) {
            throw new RuleViolated("invalid-position", "position",
                    "position must be between 0 and " + stages.size() + " (the end)");
        }
        if (stageNamed(stageName, null).isPresent()) {
            throw duplicateStageName(stageName, "name");
        }
        apply(new PipelineStageAdded(pipelineId, locationId, command.stageId(), stageName, position, winProbability));
        return version();
    }

    /** Renaming and re-weighting are one command for the client, but separate facts: one event per changed facet. */
    @CommandHandler
    long editStage(EditStage command) {
        checkLive(command.locationId(), command.expectedVersion());
        StageState stage = liveStage(command.stageId());
        String newName = command.name() == null ? stage.name() : checkedName(command.name(), "name");
        int newWinProbability = command.winProbability() == null ? stage.winProbability()
                : checkedWinProbability(command.winProbability(), "winProbability");
        boolean renamed = !newName.equals(stage.name());
        if (renamed && stageNamed(newName, stage.id()).isPresent()) {
            throw duplicateStageName(newName, "name");
        }
        if (renamed) {
            apply(new PipelineStageRenamed(pipelineId, locationId, stage.id(), newName));
        }
        if (newWinProbability != stage.winProbability()) {
            apply(new PipelineStageProbabilityChanged(pipelineId, locationId, stage.id(), newWinProbability));
        }
        return version();
    }

    @CommandHandler
    long reorderStages(ReorderStages command) {
        checkLive(command.locationId(), command.expectedVersion());
        List<String> current = stages.stream().map(StageState::id).toList();
        List<String> wanted = command.stageIds();
        if (wanted == null || wanted.size() != current.size() || wanted.stream().anyMatch(Objects::isNull)
                || new HashSet<>(wanted).size() != wanted.size() || !current.containsAll(wanted)) {
            throw new RuleViolated("not-a-permutation", "stageIds",
                    "stageIds must name every stage of the pipeline exactly once: " + current);
        }
        if (wanted.equals(current)) {
            return version();
        }
        apply(new PipelineStagesReordered(pipelineId, locationId, List.copyOf(wanted)));
        return version();
    }

    /**
     * Removes the stage and moves its open deals, each with the {@code OpportunityStageMoved} a {@code MoveStage}
     * would emit, appended in one batch ({@link StageEvacuation}). The moves run in this command's unit of work and
     * transaction (the removal and the moves commit or fail together) and their events carry this command's
     * correlation data.
     */
    @CommandHandler
    long removeStage(RemoveStage command, PipelineLookup lookup, StageEvacuation evacuation) {
        checkLive(command.locationId(), command.expectedVersion());
        StageState stage = liveStage(command.stageId());
        if (stages.size() == 1) {
            throw new RuleViolated("last-stage", null, "a pipeline must keep at least one stage");
        }
        String target = command.moveOpenTo();
        if (target != null && (target.equals(stage.id()) || stageWithId(target).isEmpty())) {
            throw new RuleViolated("invalid-move-target", "moveOpenTo",
                    "moveOpenTo must be another stage of this pipeline");
        }
        List<String> open = lookup.openOpportunitiesIn(pipelineId, stage.id());
        if (!open.isEmpty() && target == null) {
            throw new RuleViolated("move-open-to-required", "moveOpenTo", "stage " + stage.id() + " holds "
                    + open.size() + " open opportunities; moveOpenTo must name the stage that receives them");
        }
        apply(new PipelineStageRemoved(pipelineId, locationId, stage.id(), open.isEmpty() ? null : target));
        if (target != null) {
            evacuation.moveOpenOpportunities(locationId, pipelineId, stage.id(), target);
        }
        return version();
    }

    /** Deleting an already deleted pipeline changes nothing, so a retried DELETE answers like the first. */
    @CommandHandler
    long delete(DeletePipeline command, PipelineLookup lookup) {
        checkLocation(command.locationId());
        StaleVersion.check(command.expectedVersion(), version());
        if (deleted) {
            return version();
        }
        long open = lookup.openOpportunitiesIn(pipelineId);
        if (open > 0) {
            throw new StateConflict("pipeline-holds-open-opportunities", "pipeline " + pipelineId + " holds " + open
                    + " open opportunities; move or close them before deleting it");
        }
        apply(new PipelineDeleted(pipelineId, locationId));
        return version();
    }

    @EventSourcingHandler
    void on(PipelineCreated event) {
        pipelineId = event.pipelineId();
        locationId = event.locationId();
        name = event.name();
        stages = new ArrayList<>();
        event.stages().stream()
                .sorted((a, b) -> Integer.compare(a.position(), b.position()))
                .forEach(stage -> stages.add(new StageState(stage.id(), stage.name(), stage.winProbability())));
    }

    @EventSourcingHandler
    void on(PipelineRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(PipelineStageAdded event) {
        stages.add(event.position(), new StageState(event.stageId(), event.name(), event.winProbability()));
    }

    @EventSourcingHandler
    void on(PipelineStageRenamed event) {
        replace(event.stageId(), stage -> new StageState(stage.id(), event.name(), stage.winProbability()));
    }

    @EventSourcingHandler
    void on(PipelineStageProbabilityChanged event) {
        replace(event.stageId(), stage -> new StageState(stage.id(), stage.name(), event.winProbability()));
    }

    @EventSourcingHandler
    void on(PipelineStagesReordered event) {
        List<StageState> reordered = new ArrayList<>();
        for (String stageId : event.stageIds()) {
            stageWithId(stageId).ifPresent(reordered::add);
        }
        stages = reordered;
    }

    @EventSourcingHandler
    void on(PipelineStageRemoved event) {
        stages.removeIf(stage -> stage.id().equals(event.stageId()));
    }

    @EventSourcingHandler
    void on(PipelineDeleted event) {
        deleted = true;
    }

    /** A pipeline of another location answers exactly like a missing one, so locations never learn of each other. */
    private void checkLocation(String commandLocationId) {
        if (!Objects.equals(locationId, commandLocationId)) {
            throw new NotFound("pipeline", pipelineId);
        }
    }

    private void checkLive(String commandLocationId, Long expectedVersion) {
        checkLocation(commandLocationId);
        if (deleted) {
            throw new NotFound("pipeline", pipelineId);
        }
        StaleVersion.check(expectedVersion, version());
    }

    /** The event-stream version: sequence number of the last event, applied ones included, plus one. */
    private static long version() {
        return AggregateLifecycle.getVersion() + 1;
    }

    private StageState liveStage(String stageId) {
        return stageWithId(stageId).orElseThrow(() -> new NotFound("stage", stageId));
    }

    private Optional<StageState> stageWithId(String stageId) {
        return stages.stream().filter(stage -> stage.id().equals(stageId)).findFirst();
    }

    private Optional<StageState> stageNamed(String stageName, String exceptStageId) {
        return stages.stream()
                .filter(stage -> !stage.id().equals(exceptStageId))
                .filter(stage -> folded(stage.name()).equals(folded(stageName)))
                .findFirst();
    }

    private void replace(String stageId, UnaryOperator<StageState> change) {
        stages.replaceAll(stage -> stage.id().equals(stageId) ? change.apply(stage) : stage);
    }

    private static String checkedName(String name, String field) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new RuleViolated("invalid-name", field, field + " must not be blank");
        }
        if (StorableText.length(trimmed) > MAX_NAME_LENGTH) {
            throw new RuleViolated("invalid-name", field,
                    field + " must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return trimmed;
    }

    private static int checkedWinProbability(Integer winProbability, String field) {
        if (winProbability == null || winProbability < 0 || winProbability > 100) {
            throw new RuleViolated("invalid-win-probability", field, field + " must be between 0 and 100");
        }
        return winProbability;
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static RuleViolated tooManyStages(String field) {
        return new RuleViolated("too-many-stages", field, "a pipeline has at most " + MAX_STAGES + " stages");
    }

    private static RuleViolated duplicatePipelineName(String name) {
        return new RuleViolated("duplicate-pipeline-name", "name", "the location already has a pipeline named " + name);
    }

    private static RuleViolated duplicateStageName(String name, String field) {
        return new RuleViolated("duplicate-stage-name", field, "the pipeline already has a stage named " + name);
    }

    /** A live stage as the rules see it; its position is its index in {@link #stages}. */
    private record StageState(String id, String name, int winProbability) {
    }

    /** For Axon, which rebuilds the pipeline from its events. */
    Pipeline() {
    }
}
