package io.dealflow.query.report;

import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes to the report aggregates collected over one batch of events and written once, just before the batch
 * commits: a deal's contribution before an event is taken away and its contribution after is added, so a batch that
 * touches a hot day or month row many times writes it once. A close or creation counts in its day and in its month, per
 * pipeline and across every pipeline ({@link #EVERY_PIPELINE}). Stage visits go alike to the open visits
 * per day they began and, once ended, to the visit-length histograms.
 */
class ReportDeltas {

    /** Dimensions of {@code report_close_day}: each closed deal is counted once in each. */
    static final String BY_PIPELINE = "pipeline";
    static final String BY_OWNER = "owner";
    static final String BY_SOURCE = "source";
    /** Stands for "none" (no owner, no source, no furthest stage) in key columns. */
    static final String NONE = "";
    /** The pipeline_id of the day and month rows that count every pipeline. */
    static final String EVERY_PIPELINE = "";

    private final Map<CloseKey, Sums> closed = new HashMap<>();
    private final Map<CloseKey, Sums> closedMonths = new HashMap<>();
    private final Map<CreatedKey, Sums> created = new HashMap<>();
    private final Map<CreatedKey, Sums> createdMonths = new HashMap<>();
    private final Map<OpenKey, Sums> open = new HashMap<>();
    private final Map<OpenVisitKey, Long> openVisits = new HashMap<>();
    private final StageDurationDeltas durations = new StageDurationDeltas();

    /** Adds (sign 1) or takes away (sign -1) what the deal contributes to the aggregates. */
    void add(ReportDeal deal, int sign) {
        if (deal.deleted()) {
            return;
        }
        LocalDate createdDay = day(deal.createdAt());
        boolean won = ReportDeal.WON.equals(deal.status());
        // Across every pipeline the furthest stage is left out: stages belong to one pipeline.
        for (String[] scope : new String[][]{{deal.pipelineId(), orNone(deal.furthestStageId())},
                {EVERY_PIPELINE, NONE}}) {
            created.computeIfAbsent(new CreatedKey(deal.locationId(), createdDay, scope[0], scope[1], won),
                    key -> new Sums()).add(sign, BigDecimal.ZERO, 0);
            createdMonths.computeIfAbsent(new CreatedKey(deal.locationId(), month(createdDay), scope[0], scope[1],
                    won), key -> new Sums()).add(sign, BigDecimal.ZERO, 0);
        }
        if (deal.isOpen()) {
            open.computeIfAbsent(new OpenKey(deal.pipelineId(), deal.stageId(), deal.currency(), deal.locationId()),
                    key -> new Sums()).add(sign, deal.monetaryValue(), 0);
            return;
        }
        LocalDate day = day(deal.closedAt());
        long cycle = Duration.between(deal.createdAt(), deal.closedAt()).toMillis();
        for (String[] dimension : new String[][]{{BY_PIPELINE, NONE}, {BY_OWNER, orNone(deal.assignedTo())},
                {BY_SOURCE, orNone(deal.source())}}) {
            for (String pipeline : new String[]{deal.pipelineId(), EVERY_PIPELINE}) {
                closed.computeIfAbsent(new CloseKey(deal.locationId(), dimension[0], day, pipeline, dimension[1],
                        deal.currency(), deal.status()), key -> new Sums()).add(sign, deal.monetaryValue(), cycle);
                closedMonths.computeIfAbsent(new CloseKey(deal.locationId(), dimension[0], month(day), pipeline,
                        dimension[1], deal.currency(), deal.status()), key -> new Sums())
                        .add(sign, deal.monetaryValue(), cycle);
            }
        }
    }

    /** Adds (sign 1) or takes away (sign -1) a visit of the stage that lasted {@code millis} and ended then. */
    void addVisit(String pipelineId, String stageId, Instant endedAt, long millis, int sign) {
        durations.add(pipelineId, stageId, endedAt, millis, sign);
    }

    /** Adds (sign 1) or takes away (sign -1) an open visit of the stage that began then. */
    void addOpenVisit(String pipelineId, String stageId, Instant enteredAt, int sign) {
        openVisits.merge(new OpenVisitKey(pipelineId, stageId, day(enteredAt)), (long) sign, Long::sum);
    }

    void flush(JdbcTemplate jdbc) {
        durations.flush(jdbc);
        List<Object[]> openVisitRows = new ArrayList<>();
        openVisits.forEach((key, visits) -> {
            if (visits != 0) {
                openVisitRows.add(new Object[]{key.pipelineId(), key.stageId(), Date.valueOf(key.day()), visits});
            }
        });
        openVisits.clear();
        if (!openVisitRows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO read_model.report_open_visit_day (pipeline_id, stage_id, day, visits)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (pipeline_id, stage_id, day) DO UPDATE
                    SET visits = report_open_visit_day.visits + EXCLUDED.visits""", openVisitRows);
        }
        List<Object[]> openRows = new ArrayList<>();
        open.forEach((key, sums) -> {
            if (!sums.isZero()) {
                openRows.add(new Object[]{key.pipelineId(), key.stageId(), key.currency(), key.locationId(),
                        sums.deals, sums.value});
            }
        });
        open.clear();
        writeClosed(jdbc, closed, "report_close_day", "day");
        writeClosed(jdbc, closedMonths, "report_close_month", "month");
        writeCreated(jdbc, created, "report_created_day", "day");
        writeCreated(jdbc, createdMonths, "report_created_month", "month");
        if (!openRows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO read_model.report_open_stage (pipeline_id, stage_id, currency, location_id, deals,
                        total_value)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (pipeline_id, stage_id, currency) DO UPDATE
                    SET deals = report_open_stage.deals + EXCLUDED.deals,
                        total_value = report_open_stage.total_value + EXCLUDED.total_value""", openRows);
        }
    }

    /** Upserts the changed close rows of one grain; {@code period} names its day or month column. */
    private static void writeClosed(JdbcTemplate jdbc, Map<CloseKey, Sums> changes, String table, String period) {
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((key, sums) -> {
            if (!sums.isZero()) {
                rows.add(new Object[]{key.locationId(), key.dimension(), Date.valueOf(key.day()), key.pipelineId(),
                        key.dimKey(), key.currency(), key.status(), sums.deals, sums.value, sums.cycleMillis});
            }
        });
        changes.clear();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO read_model." + table + " AS t (location_id, dimension, " + period
                    + ", pipeline_id, dim_key, currency, status, deals, total_value, cycle_millis)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (location_id, dimension, " + period + ", pipeline_id, dim_key, currency, status)"
                    + " DO UPDATE SET deals = t.deals + EXCLUDED.deals, total_value = t.total_value"
                    + " + EXCLUDED.total_value, cycle_millis = t.cycle_millis + EXCLUDED.cycle_millis", rows);
        }
    }

    /** Upserts the changed creation rows of one grain; {@code period} names its day or month column. */
    private static void writeCreated(JdbcTemplate jdbc, Map<CreatedKey, Sums> changes, String table, String period) {
        List<Object[]> rows = new ArrayList<>();
        changes.forEach((key, sums) -> {
            if (!sums.isZero()) {
                rows.add(new Object[]{key.locationId(), Date.valueOf(key.day()), key.pipelineId(),
                        key.furthestStageId(), key.won(), sums.deals});
            }
        });
        changes.clear();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO read_model." + table + " AS t (location_id, " + period
                    + ", pipeline_id, furthest_stage_id, won, deals) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (location_id, " + period + ", pipeline_id, furthest_stage_id, won)"
                    + " DO UPDATE SET deals = t.deals + EXCLUDED.deals", rows);
        }
    }

    /** The first day of the day's month: the period of the month aggregates. */
    static LocalDate month(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /** The UTC day of an instant: the grain of the day aggregates. */
    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }

    /** A close row; {@code day} is the first day of the month in a month row. */
    private record CloseKey(String locationId, String dimension, LocalDate day, String pipelineId, String dimKey,
                            String currency, String status) {
    }

    /** A creation row; {@code day} is the first day of the month in a month row. */
    private record CreatedKey(String locationId, LocalDate day, String pipelineId, String furthestStageId,
                              boolean won) {
    }

    private record OpenKey(String pipelineId, String stageId, String currency, String locationId) {
    }

    private record OpenVisitKey(String pipelineId, String stageId, LocalDate day) {
    }

    private static final class Sums {
        private long deals;
        private BigDecimal value = BigDecimal.ZERO;
        private long cycleMillis;

        void add(int sign, BigDecimal value, long cycleMillis) {
            this.deals += sign;
            this.value = sign > 0 ? this.value.add(value) : this.value.subtract(value);
            this.cycleMillis += sign * cycleMillis;
        }

        boolean isZero() {
            return deals == 0 && value.signum() == 0 && cycleMillis == 0;
        }
    }
}
