package io.dealflow.query.board;

import io.dealflow.query.asof.AsOf;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.board.BoardRepository.CardKey;
import io.dealflow.query.board.BoardRepository.StageCurrencyTotal;
import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.ConsistencyGate;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.query.http.ResourceNotFound;
import io.dealflow.query.pipeline.PipelineRepository;
import io.dealflow.query.pipeline.PipelineView;
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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline board: every stage in order with its totals of open deals and its first cards; a stage's next cards
 * by cursor.
 */
@RestController
@Tag(name = "Board")
class BoardController {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 500;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PipelineRepository pipelines;
    private final BoardRepository board;
    private final BoardHistory history;
    private final ConsistencyGate consistency;

    BoardController(PipelineRepository pipelines, BoardRepository board, BoardHistory history,
                    ConsistencyGate consistency) {
        this.pipelines = pipelines;
        this.board = board;
        this.history = history;
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
                            + " UTC that day): stages with their names and win probabilities of that time")
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

        List<StageView> stages = (when == null
                ? pipelines.find(location, pipelineId).map(PipelineView::stages)
                : history.stages(location, pipelineId, when))
                .orElseThrow(() -> new ResourceNotFound("pipeline", pipelineId));
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

        Map<String, Map<String, StageCurrencyTotal>> totals = new TreeMap<>();
        for (StageCurrencyTotal total : when == null ? board.totals(pipelineId, filter)
                : history.totals(pipelineId, filter, when)) {
            totals.computeIfAbsent(total.stageId(), id -> new TreeMap<>()).put(total.currency(), total);
        }
        Map<String, List<BoardView.Card>> firstCards = when == null && after == null
                ? board.firstCards(pipelineId, stages.stream().map(StageView::id).toList(), filter, pageSize + 1)
                : Map.of();
        List<BoardView.StageColumn> columns = new ArrayList<>();
        for (StageView stage : stages) {
            List<BoardView.Card> cards = when != null
                    ? history.cards(pipelineId, stage.id(), filter, after, pageSize + 1, when)
                    : after == null ? firstCards.get(stage.id())
                    : board.cards(pipelineId, stage.id(), filter, after, pageSize + 1);
            String nextCursor = null;
            if (cards.size() > pageSize) {
                cards = cards.subList(0, pageSize);
                BoardView.Card last = cards.get(pageSize - 1);
                nextCursor = Cursor.encode(fingerprint,
                        List.of(stage.id(), last.lastStageChangeAt().toString(), last.id()));
            }
            columns.add(column(stage, totals.getOrDefault(stage.id(), Map.of()), cards, nextCursor));
        }
        return new BoardView(pipelineId, columns);
    }

    private static BoardView.StageColumn column(StageView stage, Map<String, StageCurrencyTotal> byCurrency,
                                                List<BoardView.Card> cards, String nextCursor) {
        List<BoardView.CurrencyTotal> currencies = byCurrency.values().stream()
                .map(total -> new BoardView.CurrencyTotal(total.currency(), total.count(), total.totalValue(),
                        weighted(total.totalValue(), stage.winProbability())))
                .toList();
        long count = currencies.stream().mapToLong(BoardView.CurrencyTotal::count).sum();
        BigDecimal totalValue = null;
        BigDecimal weightedValue = null;
        String currency = null;
        if (currencies.isEmpty()) {
            totalValue = BigDecimal.ZERO.setScale(2);
            weightedValue = BigDecimal.ZERO.setScale(2);
        } else if (currencies.size() == 1) {
            totalValue = currencies.get(0).totalValue();
            weightedValue = currencies.get(0).weightedValue();
            currency = currencies.get(0).currency();
        }
        return new BoardView.StageColumn(stage.id(), stage.name(), stage.position(), stage.winProbability(), count,
                totalValue, weightedValue, currency, currencies, cards, nextCursor);
    }

    private static BigDecimal weighted(BigDecimal total, int winProbability) {
        return total.multiply(BigDecimal.valueOf(winProbability)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
