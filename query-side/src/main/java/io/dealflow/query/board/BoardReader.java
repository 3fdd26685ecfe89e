package io.dealflow.query.board;

import io.dealflow.query.board.BoardRepository.CardKey;
import io.dealflow.query.board.BoardRepository.StageCurrencyTotal;
import io.dealflow.query.http.Cursor;
import io.dealflow.query.http.ResourceNotFound;
import io.dealflow.query.pipeline.PipelineReader;
import io.dealflow.query.pipeline.PipelineView;
import io.dealflow.query.pipeline.StageView;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads a pipeline board, live (from the board read model) or as it stood at an instant (from the versions kept by
 * {@link BoardHistory}), and computes its columns: totals per currency, weighted by each stage's win probability, and
 * a page of cards with the cursor of the next.
 */
@Component
class BoardReader {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PipelineReader pipelines;
    private final BoardRepository board;
    private final BoardHistory history;

    BoardReader(PipelineReader pipelines, BoardRepository board, BoardHistory history) {
        this.pipelines = pipelines;
        this.board = board;
        this.history = history;
    }

    /** The stages of the pipeline's board, live when {@code when} is null; 404 when there is no such pipeline. */
    List<StageView> stages(String locationId, String pipelineId, Instant when) {
        return (when == null
                ? pipelines.find(locationId, pipelineId).map(PipelineView::stages)
                : history.stages(locationId, pipelineId, when))
                .orElseThrow(() -> new ResourceNotFound("pipeline", pipelineId));
    }

    /**
     * The board of these stages: live when {@code when} is null, else as it stood then.
     *
     * @param after       the card a cursor points after, or null for each stage's first page
     * @param fingerprint what the cursors of this answer are bound to (pipeline, instant and filters)
     */
    BoardView board(String pipelineId, List<StageView> stages, BoardFilter filter, CardKey after, int pageSize,
                    Instant when, String fingerprint) {
        return when == null ? live(pipelineId, stages, filter, after, pageSize, fingerprint)
                : asOf(pipelineId, stages, filter, after, pageSize, when, fingerprint);
    }

    private BoardView live(String pipelineId, List<StageView> stages, BoardFilter filter, CardKey after,
                           int pageSize, String fingerprint) {
        List<StageCurrencyTotal> totals = board.totals(pipelineId, filter);
        // The first page of every stage comes in one query; a cursor's page is one stage's.
        Map<String, List<BoardView.Card>> firstCards = after == null
                ? board.firstCards(pipelineId, stages.stream().map(StageView::id).toList(), filter, pageSize + 1)
                : Map.of();
        return assemble(pipelineId, stages, totals, stage -> after == null ? firstCards.get(stage.id())
                : board.cards(pipelineId, stage.id(), filter, after, pageSize + 1), pageSize, fingerprint);
    }

    private BoardView asOf(String pipelineId, List<StageView> stages, BoardFilter filter, CardKey after,
                           int pageSize, Instant when, String fingerprint) {
        return assemble(pipelineId, stages, history.totals(pipelineId, filter, when),
                stage -> history.cards(pipelineId, stage.id(), filter, after, pageSize + 1, when), pageSize,
                fingerprint);
    }

    private static BoardView assemble(String pipelineId, List<StageView> stages, List<StageCurrencyTotal> totals,
                                      Function<StageView, List<BoardView.Card>> cardsOf, int pageSize,
                                      String fingerprint) {
        Map<String, Map<String, StageCurrencyTotal>> byStage = new TreeMap<>();
        for (StageCurrencyTotal total : totals) {
            byStage.computeIfAbsent(total.stageId(), id -> new TreeMap<>()).put(total.currency(), total);
        }
        List<BoardView.StageColumn> columns = new ArrayList<>();
        for (StageView stage : stages) {
            List<BoardView.Card> cards = cardsOf.apply(stage);
            String nextCursor = null;
            if (cards.size() > pageSize) {
                cards = cards.subList(0, pageSize);
                BoardView.Card last = cards.get(pageSize - 1);
                nextCursor = Cursor.encode(fingerprint,
                        List.of(stage.id(), last.lastStageChangeAt().toString(), last.id()));
            }
            columns.add(column(stage, byStage.getOrDefault(stage.id(), Map.of()), cards, nextCursor));
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

    /** A stage's total weighted by its win probability, to the cent. */
    static BigDecimal weighted(BigDecimal total, int winProbability) {
        return total.multiply(BigDecimal.valueOf(winProbability)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
