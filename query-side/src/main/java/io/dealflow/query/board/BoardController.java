package io.dealflow.query.board;

import io.dealflow.query.asof.AsOf;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.board.BoardRepository.CardKey;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.dealflow.query.pipeline.StageView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The pipeline board: every stage in order with its totals of open deals and its first cards; a stage's next cards
 * by cursor.
 */
@RestController
@Tag(name = "Board")
class BoardController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 500;
    private final BoardReader reader;
    private final ConsistencyGate consistency;

    BoardController(BoardReader reader, ConsistencyGate consistency) {
        this.reader = reader;
        this.consistency = consistency;
    }

    @GetMapping("/api/v1/locations/{locationId}/pipelines/{pipelineId}/board")
    @Parameter(name = "tag", in = ParameterIn.QUERY,
            description = "A tag the deals must carry; repeat the parameter for several (all must match)")
    @Operation(summary = "Open deals per stage with count, totalValue and weightedValue, and the first cards of each",
            description = "Totals cover the whole stage under the filters. Cards come most recently moved in first."
                    + " To page one stage, pass its nextCursor as cursor: the answer then holds only that stage."
                    + " stageId alone limits the answer to one stage's first page. When a stage holds deals in"
                    + " several currencies, totalValue, weightedValue and currency are null and totalsByCurrency"
                    + " lists each currency.")
    BoardView board(@PathVariable String locationId, @PathVariable String pipelineId,
                    @RequestParam(required = false) String assignedTo,
                    @RequestParam(required = false) String source,
                    @Parameter(description = "Cards per stage, 1 to 500, default 20")
                    @RequestParam(required = false) String limit,
                    @Parameter(description = "Only this stage")
                    @RequestParam(required = false) String stageId,
                    @Parameter(description = "A stage's nextCursor from an earlier answer with the same filters")
                    @RequestParam(required = false) String cursor,
                    @Parameter(description = "The board as it stood at this instant (ISO-8601, or a date for 00:00"
                            + " UTC that day): stages with their names and win probabilities of that time, cards"
                            + " with their open tasks of that time")
                    @RequestParam(required = false) String asOf,
                    @RequestHeader(name = ConsistencyGate.HEADER, required = false) String consistencyToken,
                    WebRequest request) {
        String location = QueryParameters.location(locationId);
        int pageSize = QueryParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
        String[] tags = request.getParameterValues("tag");
        BoardFilter filter = new BoardFilter(QueryParameters.text("assignedTo", assignedTo),
                QueryParameters.text("source", source),
                tags == null ? List.of() : Arrays.stream(tags).filter(tag -> !tag.isEmpty()).toList());
        Instant when = AsOf.parse(asOf);
        String fingerprint = filter.fingerprint(when == null ? pipelineId : pipelineId + "@" + when);
        if (when == null) {
            consistency.await(consistencyToken, ReadModels.PIPELINES, ReadModels.BOARD, ReadModels.WORKSPACE);
        } else {
            consistency.await(consistencyToken, ReadModels.HISTORY);
        }

        List<StageView> stages = reader.stages(location, pipelineId, when);
        CardKey after = null;
        String onlyStage = QueryParameters.text("stageId", stageId);
        if (cursor != null && !cursor.isBlank()) {
            Cursor.Keys keys = Cursor.decode(cursor, fingerprint, 3);
            if (onlyStage != null && !onlyStage.equals(keys.text(0))) {
                throw new BadParameter("cursor", "belongs to another stage than stageId");
            }
            onlyStage = keys.text(0);
            after = new CardKey(keys.timestamp(1), keys.text(2));
        }
        if (onlyStage != null) {
            String wanted = onlyStage;
            stages = stages.stream().filter(stage -> stage.id().equals(wanted)).toList();
            if (stages.isEmpty()) {
                throw new ResourceNotFound("stage", wanted);
            }
        }

        return reader.board(pipelineId, stages, filter, after, pageSize, when, fingerprint);
    }
}
