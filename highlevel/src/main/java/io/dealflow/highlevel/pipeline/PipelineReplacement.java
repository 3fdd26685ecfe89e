package io.dealflow.highlevel.pipeline;

import io.dealflow.command.pipeline.AddStage;
import io.dealflow.command.pipeline.EditStage;
import io.dealflow.command.pipeline.RemoveStage;
import io.dealflow.command.pipeline.ReorderStages;
import io.dealflow.highlevel.http.HighLevelRefusal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Turns HighLevel's "replace the stage list" into dealflow's stage commands, in an order where every command is
 * valid when it runs: stage names stay unique at every step, and a removed stage's open deals always have a stage to
 * go to (the first stage of the new list).
 *
 * <ol>
 *   <li>A stage to be removed whose name a wanted stage takes is renamed out of the way first.</li>
 *   <li>Kept stages are renamed and re-weighted; a kept stage whose name another kept stage takes (a swap) is first
 *   renamed out of the way.</li>
 *   <li>New stages are added at the end.</li>
 *   <li>Stages left out are removed, their open deals moved to the first stage of the new list.</li>
 *   <li>The stages are put in the wanted order.</li>
 * </ol>
 * Names "out of the way" are the old name plus {@code " ~"} and the start of the stage id; they appear in the history
 * for an instant, never in the final state.
 */
final class PipelineReplacement {

    /** A live stage of the pipeline, in board order. */
    record CurrentStage(String id, String name, int winProbability) {
    }

    private PipelineReplacement() {
    }

    /** The stage list as HighLevel sent it, sorted by {@code position} (ties and missing positions keep list order). */
    static List<StageInput> inOrder(List<StageInput> stages) {
        return IntStream.range(0, stages.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> stages.get(i).position() == null ? i
                        : stages.get(i).position()).thenComparing(i -> i))
                .map(stages::get)
                .toList();
    }

    /**
     * Checks the wanted stages against the current ones: every id must be a live stage of the pipeline (at most once),
     * names unique ignoring case.
     *
     * @throws HighLevelRefusal 422 listing every problem
     */
    static void check(List<CurrentStage> current, List<StageInput> wanted) {
        Set<String> currentIds = new HashSet<>(current.stream().map(CurrentStage::id).toList());
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            StageInput stage = wanted.get(i);
            if (stage.id() != null && !currentIds.contains(stage.id())) {
                problems.add("stages." + i + ".id " + stage.id() + " is not a stage of this pipeline");
            } else if (stage.id() != null && !ids.add(stage.id())) {
                problems.add("stages." + i + ".id " + stage.id() + " appears more than once");
            }
            if (!names.add(folded(stage.name()))) {
                problems.add("stages." + i + ".name " + stage.name().trim() + " is used by more than one stage");
            }
        }
        if (!problems.isEmpty()) {
            throw HighLevelRefusal.invalid(problems);
        }
    }

    /**
     * The commands that turn {@code current} into {@code wanted} (already checked and in order).
     *
     * @param newStageId gives the id of each added stage
     */
    static List<Object> commands(String pipelineId, String locationId, List<CurrentStage> current,
                                 List<StageInput> wanted, Supplier<String> newStageId) {
        Map<String, CurrentStage> byId = new LinkedHashMap<>();
        current.forEach(stage -> byId.put(stage.id(), stage));
        Map<String, String> liveNames = new HashMap<>();
        current.forEach(stage -> liveNames.put(stage.id(), stage.name()));
        Set<String> wantedNames = new HashSet<>(wanted.stream().map(stage -> folded(stage.name())).toList());
        Set<String> keptIds = new HashSet<>(wanted.stream().map(StageInput::id).filter(Objects::nonNull).toList());
        List<Object> commands = new ArrayList<>();

        List<CurrentStage> removed = current.stream().filter(stage -> !keptIds.contains(stage.id())).toList();
        for (CurrentStage stage : removed) {
            if (wantedNames.contains(folded(stage.name()))) {
                String aside = asideName(stage);
                commands.add(new EditStage(pipelineId, locationId, stage.id(), aside, null, null));
                liveNames.put(stage.id(), aside);
            }
        }

        List<StageInput> kept = wanted.stream().filter(stage -> stage.id() != null).toList();
        // Which kept stage takes which name (folded), among those that change their name.
        Map<String, String> takenBy = new HashMap<>();
        kept.stream().filter(stage -> !stage.name().trim().equals(liveNames.get(stage.id())))
                .forEach(stage -> takenBy.put(folded(stage.name()), stage.id()));
        for (StageInput stage : kept) {
            String taker = takenBy.get(folded(liveNames.get(stage.id())));
            if (taker != null && !taker.equals(stage.id())) {
                String aside = asideName(byId.get(stage.id()));
                commands.add(new EditStage(pipelineId, locationId, stage.id(), aside, null, null));
                liveNames.put(stage.id(), aside);
            }
        }
        for (StageInput stage : kept) {
            String name = stage.name().trim();
            boolean rename = !name.equals(liveNames.get(stage.id()));
            Integer probability = stage.stageWinProbability();
            boolean reweigh = probability != null && probability != byId.get(stage.id()).winProbability();
            if (rename || reweigh) {
                commands.add(new EditStage(pipelineId, locationId, stage.id(), rename ? name : null,
                        reweigh ? probability : null, null));
            }
        }

        List<String> finalOrder = new ArrayList<>();
        List<String> liveOrder = new ArrayList<>(current.stream().map(CurrentStage::id)
                .filter(keptIds::contains).toList());
        for (StageInput stage : wanted) {
            if (stage.id() == null) {
                String id = newStageId.get();
                commands.add(new AddStage(pipelineId, locationId, id, stage.name().trim(),
                        stage.stageWinProbability() == null ? 0 : stage.stageWinProbability(), null, null));
                liveOrder.add(id);
                finalOrder.add(id);
            } else {
                finalOrder.add(stage.id());
            }
        }

        String receiver = finalOrder.get(0);
        for (CurrentStage stage : removed) {
            commands.add(new RemoveStage(pipelineId, locationId, stage.id(), receiver, null));
        }
        if (!liveOrder.equals(finalOrder)) {
            commands.add(new ReorderStages(pipelineId, locationId, finalOrder, null));
        }
        return commands;
    }

    private static String asideName(CurrentStage stage) {
        String suffix = " ~" + stage.id().substring(0, Math.min(8, stage.id().length()));
        String name = stage.name();
        return (name.length() + suffix.length() > 255 ? name.substring(0, 255 - suffix.length()) : name) + suffix;
    }

    private static String folded(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
