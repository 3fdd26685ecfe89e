package io.dealflow.query.board;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Changes to the per-stage totals collected over one batch of events and written once, just before the batch
 * commits. Writing them in key order makes every batch lock total rows in the same order, so segments processing
 * in parallel wait for each other instead of deadlocking, and a hot stage row is updated once per batch, not once
 * per event.
 */
class StageTotals {

    private final Map<Key, Delta> deltas = new TreeMap<>();

    /** Adds (or, with {@code sign} -1, removes) one open card's contribution. */
    void add(String pipelineId, String stageId, String currency, BigDecimal value, int sign) {
        deltas.computeIfAbsent(new Key(pipelineId, stageId, currency), key -> new Delta())
                .add(sign, sign > 0 ? value : value.negate());
    }

    void flush(JdbcTemplate jdbc) {
        List<Object[]> rows = new ArrayList<>();
        deltas.forEach((key, delta) -> {
            if (delta.count != 0 || delta.value.signum() != 0) {
                rows.add(new Object[]{key.pipelineId(), key.stageId(), key.currency(), delta.count, delta.value});
            }
        });
        deltas.clear();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO read_model.board_stage_total (pipeline_id, stage_id, currency, open_count, total_value)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (pipeline_id, stage_id, currency) DO UPDATE
                    SET open_count = board_stage_total.open_count + EXCLUDED.open_count,
                        total_value = board_stage_total.total_value + EXCLUDED.total_value""", rows);
        }
    }

    private record Key(String pipelineId, String stageId, String currency) implements Comparable<Key> {

        @Override
        public int compareTo(Key other) {
            int byPipeline = pipelineId.compareTo(other.pipelineId);
            if (byPipeline != 0) {
                return byPipeline;
            }
            int byStage = stageId.compareTo(other.stageId);
            return byStage != 0 ? byStage : currency.compareTo(other.currency);
        }
    }

    private static final class Delta {
        private long count;
        private BigDecimal value = BigDecimal.ZERO;

        void add(int count, BigDecimal value) {
            this.count += count;
            this.value = this.value.add(value);
        }
    }
}
