package io.dealflow.highlevel.pipeline;

import io.dealflow.command.http.CommandSender;
import io.dealflow.command.lookup.OpportunityCatalog;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.command.opportunity.MoveStage;
import io.dealflow.command.pipeline.CreatePipeline;
import io.dealflow.command.pipeline.DeletePipeline;
import io.dealflow.command.pipeline.RemoveStage;
import io.dealflow.command.pipeline.RenamePipeline;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.query.axon.ReadModels;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * HighLevel's pipeline endpoints ({@code /opportunities/pipelines}), sending dealflow's pipeline commands. Changes
 * answer the pipeline as the read model shows it once it has processed them.
 */
@RestController
@RequestMapping("/opportunities/pipelines")
class HighLevelPipelineController {

    private final DoorCommands commands;
    private final HighLevelPipelineReader reader;
    private final PipelineCatalog pipelines;
    private final OpportunityCatalog opportunities;
    private final LocationAccess access;

    HighLevelPipelineController(DoorCommands commands, HighLevelPipelineReader reader, PipelineCatalog pipelines,
                                OpportunityCatalog opportunities, LocationAccess access) {
        this.commands = commands;
        this.reader = reader;
        this.pipelines = pipelines;
        this.opportunities = opportunities;
        this.access = access;
    }

    @GetMapping
    Map<String, List<HighLevelPipeline>> list(@RequestParam(required = false) String locationId,
                                              @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER,
                                                      required = false) String consistencyToken) {
        String location = access.require(locationId, "locationId");
        commands.awaitToken(consistencyToken, ReadModels.PIPELINES);
        return Map.of("pipelines", reader.list(location));
    }

    @GetMapping("/{id}")
    HighLevelPipeline get(@PathVariable String id,
                          @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER, required = false)
                          String consistencyToken) {
        commands.awaitToken(consistencyToken, ReadModels.PIPELINES);
        HighLevelPipeline pipeline = reader.find(id).orElseThrow(() -> HighLevelRefusal.notFound("Pipeline"));
        access.requireAccess(pipeline.locationId());
        return pipeline;
    }

    @PostMapping
    ResponseEntity<HighLevelPipeline> create(@Valid @RequestBody CreatePipelineRequest request) {
        String locationId = access.require(request.locationId(), "locationId");
        List<StageInput> stages = PipelineReplacement.inOrder(request.stages());
        PipelineReplacement.check(List.of(), stages.stream()
                .map(stage -> new StageInput(null, stage.name(), null, null, null, null)).toList());
        String pipelineId = UUID.randomUUID().toString();
        commands.send(new CreatePipeline(pipelineId, locationId, request.name(), stages.stream()
                .map(stage -> new CreatePipeline.NewStage(UUID.randomUUID().toString(), stage.name(),
                        stage.stageWinProbability() == null ? 0 : stage.stageWinProbability()))
                .toList()));
        return ResponseEntity.status(HttpStatus.CREATED).body(current(pipelineId));
    }

    @PutMapping("/{id}")
    HighLevelPipeline replace(@PathVariable String id, @Valid @RequestBody ReplacePipelineRequest request) {
        String locationId = locate(id);
        HighLevelPipeline before = current(id);
        List<Object> stageCommands = List.of();
        if (request.stages() != null) {
            List<StageInput> wanted = PipelineReplacement.inOrder(request.stages());
            List<PipelineReplacement.CurrentStage> stages = before.stages().stream()
                    .map(stage -> new PipelineReplacement.CurrentStage(stage.id(), stage.name(),
                            stage.stageWinProbability()))
                    .toList();
            PipelineReplacement.check(stages, wanted);
            stageCommands = PipelineReplacement.commands(id, locationId, stages, wanted,
                    () -> UUID.randomUUID().toString());
        }
        if (request.name() != null && !request.name().trim().equals(before.name())) {
            commands.send(new RenamePipeline(id, locationId, request.name(), null));
        }
        for (Object command : stageCommands) {
            if (command instanceof RemoveStage removal) {
                // dealflow moves only the open deals of a removed stage; HighLevel moves all of them. Closed deals
                // move first (a move does not reopen them), so none is left in a stage that no longer exists.
                for (String closed : opportunities.closedOpportunitiesIn(id, removal.stageId())) {
                    commands.send(new MoveStage(closed, locationId, removal.moveOpenTo(), null, null));
                }
            }
            commands.send(command);
        }
        // Removed stages moved their deals: the answer waits for those moves too, so the client reads them next.
        commands.awaitReadModels(ReadModels.OPPORTUNITIES);
        return current(id);
    }

    @DeleteMapping("/{id}")
    Map<String, Object> delete(@PathVariable String id) {
        String locationId = locate(id);
        commands.send(new DeletePipeline(id, locationId, null));
        commands.awaitReadModels(ReadModels.PIPELINES);
        return Map.of("success", true, "message", "Pipeline deleted successfully");
    }

    private String locate(String pipelineId) {
        String locationId = pipelines.locationOfPipeline(pipelineId)
                .orElseThrow(() -> HighLevelRefusal.notFound("Pipeline"));
        access.requireAccess(locationId);
        return locationId;
    }

    private HighLevelPipeline current(String pipelineId) {
        commands.awaitReadModels(ReadModels.PIPELINES);
        return reader.find(pipelineId).orElseThrow(() -> HighLevelRefusal.notFound("Pipeline"));
    }
}
