package io.dealflow.command.pipeline;

import io.dealflow.command.http.CommandAnswer;
import io.dealflow.command.http.CommandSender;
import io.dealflow.command.http.IfMatch;
import io.dealflow.http.LocationId;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The pipeline commands over HTTP: create, rename, add, edit, reorder and remove stages, delete.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/pipelines")
class PipelineController {

    private final CommandSender sender;

    PipelineController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<PipelineCreatedResponse> create(@PathVariable String locationId,
                                                   @Valid @RequestBody CreatePipelineRequest request) {
        String pipelineId = UUID.randomUUID().toString();
        List<CreatePipeline.NewStage> stages = request.stages().stream()
                .map(stage -> new CreatePipeline.NewStage(UUID.randomUUID().toString(), stage.name(),
                        stage.winProbability()))
                .toList();
        sender.sendAndWait(new CreatePipeline(pipelineId, LocationId.checked(locationId), request.name(), stages));
        List<PipelineCreatedResponse.StageResponse> created = new ArrayList<>();
        for (CreatePipeline.NewStage stage : stages) {
            // The pipeline keeps names trimmed, as validated.
            created.add(new PipelineCreatedResponse.StageResponse(stage.stageId(), stage.name().trim(), created.size(),
                    stage.winProbability()));
        }
        String token = sender.consistencyToken();
        return sender.answer(HttpStatus.CREATED, new PipelineCreatedResponse(pipelineId, 1, token, created),
                pipelineId, token);
    }

    @PatchMapping("/{pipelineId}")
    ResponseEntity<CommandAnswer> rename(@PathVariable String locationId, @PathVariable String pipelineId,
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                         @Valid @RequestBody RenamePipelineRequest request) {
        return sender.update(pipelineId, new RenamePipeline(pipelineId, LocationId.checked(locationId), request.name(),
                IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{pipelineId}/stages")
    ResponseEntity<StageAddedResponse> addStage(@PathVariable String locationId, @PathVariable String pipelineId,
                                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                                @Valid @RequestBody AddStageRequest request) {
        String stageId = UUID.randomUUID().toString();
        long version = sender.sendAndWait(new AddStage(pipelineId, LocationId.checked(locationId), stageId, request.name(),
                request.winProbability(), request.position(), IfMatch.expectedVersion(ifMatch)));
        String token = sender.consistencyToken();
        return sender.answer(HttpStatus.OK, new StageAddedResponse(pipelineId, version, token, stageId), null, token);
    }

    @PatchMapping("/{pipelineId}/stages/{stageId}")
    ResponseEntity<CommandAnswer> editStage(@PathVariable String locationId, @PathVariable String pipelineId,
                                            @PathVariable String stageId,
                                            @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                            @Valid @RequestBody EditStageRequest request) {
        return sender.update(pipelineId, new EditStage(pipelineId, LocationId.checked(locationId), stageId, request.name(),
                request.winProbability(), IfMatch.expectedVersion(ifMatch)));
    }

    @PostMapping("/{pipelineId}/stages/order")
    ResponseEntity<CommandAnswer> reorderStages(@PathVariable String locationId, @PathVariable String pipelineId,
                                                @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch,
                                                @Valid @RequestBody ReorderStagesRequest request) {
        return sender.update(pipelineId, new ReorderStages(pipelineId, LocationId.checked(locationId), request.stageIds(),
                IfMatch.expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{pipelineId}/stages/{stageId}")
    ResponseEntity<CommandAnswer> removeStage(@PathVariable String locationId, @PathVariable String pipelineId,
                                              @PathVariable String stageId,
                                              @RequestParam(required = false) String moveOpenTo,
                                              @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return sender.update(pipelineId, new RemoveStage(pipelineId, LocationId.checked(locationId), stageId, moveOpenTo,
                IfMatch.expectedVersion(ifMatch)));
    }

    @DeleteMapping("/{pipelineId}")
    ResponseEntity<CommandAnswer> delete(@PathVariable String locationId, @PathVariable String pipelineId,
                                         @RequestHeader(name = IfMatch.HEADER, required = false) String ifMatch) {
        return sender.update(pipelineId, new DeletePipeline(pipelineId, LocationId.checked(locationId),
                IfMatch.expectedVersion(ifMatch)));
    }

}
