package io.dealflow.query.report;

import io.dealflow.query.BatchFold;
import io.dealflow.query.UnnestColumns;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The report changes of one batch of opportunity events, folded in memory and written when the batch commits. Each
 * event is recorded against its deal; at write time one query each loads the touched deal rows, the stages they
 * reached, their open visits and the stage positions of the pipelines involved, every deal's events are applied in
 * arrival order to those rows exactly as row updates would be (only when newer than the deal's version), and the
 * changed rows go out in a few {@code unnest} statements. The aggregate changes collect in {@link #deltas()}.
 *
 * <p>Deals are folded one after the other: a deal's events only touch its own rows, and the stage positions they
 * read do not change inside a fold (pipeline events write the pending fold first, see
 * {@link ReportPipelineProjection}).
 */
class ReportBatch {

    private static final String RESOURCE = ReportBatch.class.getName();

    static final String DEAL_COLUMNS = """
            opportunity_id, location_id, pipeline_id, stage_id, furthest_stage_id, status, monetary_value, currency,
            assigned_to, source, created_at, closed_at, deleted, version""";
    private static final String DEAL_ROWS = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::numeric[], ?::text[],
                   ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::boolean[], ?::bigint[])
            AS v (opportunity_id, location_id, pipeline_id, stage_id, furthest_stage_id, status, monetary_value,
                  currency, assigned_to, source, created_at, closed_at, deleted, version)""";
    private static final String INSERT_DEALS = "INSERT INTO read_model.report_deal (" + DEAL_COLUMNS + ") SELECT "
            + DEAL_COLUMNS + " FROM " + DEAL_ROWS;
    private static final String UPDATE_DEALS = """
            UPDATE read_model.report_deal d SET pipeline_id = v.pipeline_id, stage_id = v.stage_id,
                furthest_stage_id = v.furthest_stage_id, status = v.status, monetary_value = v.monetary_value,
                currency = v.currency, assigned_to = v.assigned_to, source = v.source, closed_at = v.closed_at,
                deleted = v.deleted, version = v.version
            FROM %s
            WHERE d.opportunity_id = v.opportunity_id COLLATE "C"
            """.formatted(DEAL_ROWS);
    private static final String VISIT_COLUMNS = """
            opportunity_id, sequence, location_id, pipeline_id, stage_id, entered_at, left_at, started_by, deleted""";

    /**
     * The running batch of the reports' processor, shared by its deal part ({@link ReportProjection}) and its
     * pipeline part ({@link ReportPipelineProjection}): its deal events are folded and written, then its aggregate
     * changes, when it commits.
     */
    static ReportBatch current(JdbcTemplate jdbc) {
        return BatchFold.current(RESOURCE, ReportBatch::new, batch -> batch.flush(jdbc));
    }

    /** Each touched deal's events in arrival order. */
    private final Map<String, List<Consumer<DealRows>>> events = new LinkedHashMap<>();
    /** The pipelines whose stage positions the recorded events read. */
    private final Set<String> pipelines = new HashSet<>();
    private final ReportDeltas deltas = new ReportDeltas();

    /**
     * Records an event of a deal, to be applied to its rows at write time.
     *
     * @param pipelineId the pipeline whose stage positions the event reads (to find the furthest stage), or null
     */
    void add(String opportunityId, String pipelineId, Consumer<DealRows> event) {
        events.computeIfAbsent(opportunityId, id -> new ArrayList<>()).add(event);
        if (pipelineId != null) {
            pipelines.add(pipelineId);
        }
    }

    /** The aggregate changes of the batch so far. */
    ReportDeltas deltas() {
        return deltas;
    }

    /** Writes the recorded events' rows, then the aggregate changes. */
    void flush(JdbcTemplate jdbc) {
        write(jdbc);
        deltas.flush(jdbc);
    }

    /** Applies the recorded events to the stored rows and writes them; their aggregate changes stay pending. */
    void write(JdbcTemplate jdbc) {
        if (events.isEmpty()) {
            return;
        }
        String[] ids = events.keySet().toArray(String[]::new);
        Map<String, DealRows> deals = new HashMap<>();
        for (String id : ids) {
            deals.put(id, new DealRows(id, deltas));
        }
        jdbc.query("SELECT " + DEAL_COLUMNS + " FROM read_model.report_deal WHERE opportunity_id = ANY(?)",
                (ResultSet rs) -> {
                    ReportDeal deal = deal(rs);
                    deals.get(deal.opportunityId()).load(deal);
                }, (Object) ids);
        jdbc.query("SELECT opportunity_id, pipeline_id, stage_id FROM read_model.report_reached_stage"
                        + " WHERE opportunity_id = ANY(?)",
                (ResultSet rs) -> {
                    deals.get(rs.getString(1)).reached.add(new Reached(rs.getString(2), rs.getString(3)));
                }, (Object) ids);
        jdbc.query("SELECT " + VISIT_COLUMNS + " FROM read_model.report_stage_visit"
                        + " WHERE opportunity_id = ANY(?) AND left_at IS NULL",
                (ResultSet rs) -> {
                    Visit visit = Visit.read(rs);
                    deals.get(visit.opportunityId).visits.add(visit);
                }, (Object) ids);
        Map<String, Map<String, Integer>> positions = new HashMap<>();
        jdbc.query("SELECT pipeline_id, stage_id, position FROM read_model.report_stage WHERE pipeline_id = ANY(?)",
                (ResultSet rs) -> {
                    positions.computeIfAbsent(rs.getString(1), id -> new HashMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                }, (Object) pipelines.toArray(String[]::new));
        Rows rows = new Rows();
        events.forEach((id, dealEvents) -> {
            DealRows deal = deals.get(id);
            deal.positions = positions;
            dealEvents.forEach(event -> event.accept(deal));
            deal.collect(rows);
        });
        events.clear();
        pipelines.clear();
        rows.write(jdbc);
    }

    /** The deal row the result set is at. */
    static ReportDeal deal(ResultSet rs) throws SQLException {
        return new ReportDeal(rs.getString("opportunity_id"), rs.getString("location_id"),
                rs.getString("pipeline_id"), rs.getString("stage_id"), rs.getString("furthest_stage_id"),
                rs.getString("status"), rs.getBigDecimal("monetary_value"), rs.getString("currency"),
                rs.getString("assigned_to"), rs.getString("source"), instant(rs, "created_at"),
                instant(rs, "closed_at"), rs.getBoolean("deleted"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A deal before and after one event. */
    record Transition(ReportDeal before, ReportDeal after) {
    }

    /**
     * One deal's report rows while a batch is folded: the deal row, the stages it reached and its open stage visits,
     * with the operations the event handlers apply to them. Each moves the aggregates as its row update would.
     */
    static final class DealRows {

        private final String opportunityId;
        private final ReportDeltas deltas;
        private ReportDeal stored;
        private ReportDeal deal;
        private final Set<Reached> reached = new HashSet<>();
        private final Set<Reached> newlyReached = new HashSet<>();
        /** Open visits as loaded, and the visits started in this batch; ended ones stay until written. */
        private final List<Visit> visits = new ArrayList<>();
        private Map<String, Map<String, Integer>> positions;

        private DealRows(String opportunityId, ReportDeltas deltas) {
            this.opportunityId = opportunityId;
            this.deltas = deltas;
        }

        private void load(ReportDeal row) {
            stored = row;
            deal = row;
        }

        /** Creates the deal row unless it exists; true when created. */
        boolean create(ReportDeal created) {
            if (deal != null) {
                return false;
            }
            deal = created;
            deltas.add(created, 1);
            return true;
        }

        /**
         * Applies an event to the deal when it is newer than the deal row, and moves the aggregates by the change of
         * the deal's contribution. Answers the deal before and after the event, or empty when it was already applied.
         */
        Optional<Transition> change(long sequence, UnaryOperator<ReportDeal> edit) {
            if (deal == null || deal.version() > sequence) {
                return Optional.empty();
            }
            ReportDeal before = deal;
            ReportDeal after = edit.apply(before).atVersion(sequence + 1);
            deal = after;
            deltas.add(before, -1);
            deltas.add(after, 1);
            return Optional.of(new Transition(before, after));
        }

        void reach(String pipelineId, String stageId) {
            Reached stage = new Reached(pipelineId, stageId);
            if (reached.add(stage)) {
                newlyReached.add(stage);
            }
        }

        /** Of the pipeline's current stages the deal was ever in, the one placed last; null when none. */
        String furthestStage(String pipelineId) {
            Map<String, Integer> stages = positions.getOrDefault(pipelineId, Map.of());
            String furthest = null;
            int furthestPosition = Integer.MIN_VALUE;
            for (Reached stage : reached) {
                Integer position = stage.pipelineId().equals(pipelineId) ? stages.get(stage.stageId()) : null;
                if (position != null && position > furthestPosition) {
                    furthest = stage.stageId();
                    furthestPosition = position;
                }
            }
            return furthest;
        }

        void startVisit(ReportDeal started, long sequence, Instant at, String causation) {
            visits.add(new Visit(started.opportunityId(), sequence, started.locationId(), started.pipelineId(),
                    started.stageId(), at, causation, started.deleted(), false));
            if (!started.deleted()) {
                deltas.addOpenVisit(started.pipelineId(), started.stageId(), at, 1);
            }
        }

        /**
         * An open deal moved: its visit of the old stage ends and one of the new stage starts. A reopen into another
         * stage emits "reopened" and "moved" for one command (same causation): the deal was reopened into the new
         * stage, so the visit it started moves along instead of leaving an instant's visit in the old stage behind.
         */
        void moveVisit(ReportDeal moved, long sequence, Instant at, String causation) {
            boolean reopened = false;
            if (causation != null) {
                for (Visit visit : openVisits()) {
                    if (causation.equals(visit.startedBy)) {
                        if (!visit.deleted) {
                            deltas.addOpenVisit(visit.pipelineId, visit.stageId, visit.enteredAt, -1);
                            deltas.addOpenVisit(moved.pipelineId(), moved.stageId(), visit.enteredAt, 1);
                        }
                        visit.pipelineId = moved.pipelineId();
                        visit.stageId = moved.stageId();
                        visit.changed = true;
                        reopened = true;
                    }
                }
            }
            if (!reopened) {
                endVisit(at);
                startVisit(moved, sequence, at, causation);
            }
        }

        /**
         * Ends the deal's current visit: unless the deal is deleted, it leaves the open visits per day and counts in
         * the histograms of visit lengths; a visit that lasted no time (same millisecond) was no visit and goes.
         */
        void endVisit(Instant at) {
            for (Visit visit : openVisits()) {
                visit.leftAt = at;
                visit.changed = true;
                if (!visit.deleted) {
                    deltas.addOpenVisit(visit.pipelineId, visit.stageId, visit.enteredAt, -1);
                }
                long millis = at.toEpochMilli() - visit.enteredAt.toEpochMilli();
                if (millis == 0) {
                    visit.removed = true;
                } else if (!visit.deleted) {
                    deltas.addVisit(visit.pipelineId, visit.stageId, at, millis, 1);
                }
            }
        }

        private List<Visit> openVisits() {
            return visits.stream().filter(visit -> visit.leftAt == null && !visit.removed).toList();
        }

        /** Adds what changed to the rows to write. */
        private void collect(Rows rows) {
            if (deal != null && stored == null) {
                rows.insertedDeals.add(deal);
            } else if (deal != null && deal.version() != stored.version()) {
                rows.updatedDeals.add(deal);
            }
            for (Reached stage : newlyReached) {
                rows.reached.add(new String[]{opportunityId, stage.pipelineId(), stage.stageId()});
            }
            for (Visit visit : visits) {
                if (!visit.stored && !visit.removed) {
                    rows.insertedVisits.add(visit);
                } else if (visit.stored && visit.removed) {
                    rows.deletedVisits.add(visit);
                } else if (visit.stored && visit.changed) {
                    rows.updatedVisits.add(visit);
                }
            }
        }
    }

    private record Reached(String pipelineId, String stageId) {
    }

    /** A stage visit as folded: leftAt null while open. */
    private static final class Visit {
        private final String opportunityId;
        private final long sequence;
        private final String locationId;
        private String pipelineId;
        private String stageId;
        private final Instant enteredAt;
        private Instant leftAt;
        private final String startedBy;
        private final boolean deleted;
        /** Whether the row exists in the table; else it is inserted, unless removed. */
        private final boolean stored;
        private boolean changed;
        /** Lasted no time: the row goes (or is never inserted). */
        private boolean removed;

        private Visit(String opportunityId, long sequence, String locationId, String pipelineId, String stageId,
                      Instant enteredAt, String startedBy, boolean deleted, boolean stored) {
            this.opportunityId = opportunityId;
            this.sequence = sequence;
            this.locationId = locationId;
            this.pipelineId = pipelineId;
            this.stageId = stageId;
            this.enteredAt = enteredAt;
            this.startedBy = startedBy;
            this.deleted = deleted;
            this.stored = stored;
        }

        static Visit read(ResultSet rs) throws SQLException {
            return new Visit(rs.getString("opportunity_id"), rs.getLong("sequence"), rs.getString("location_id"),
                    rs.getString("pipeline_id"), rs.getString("stage_id"), instant(rs, "entered_at"),
                    rs.getString("started_by"), rs.getBoolean("deleted"), true);
        }
    }

    /** The rows a fold changed, written column-wise: each column one array, turned back into rows by unnest. */
    private static final class Rows {
        private final List<ReportDeal> insertedDeals = new ArrayList<>();
        private final List<ReportDeal> updatedDeals = new ArrayList<>();
        private final List<String[]> reached = new ArrayList<>();
        private final List<Visit> insertedVisits = new ArrayList<>();
        private final List<Visit> updatedVisits = new ArrayList<>();
        private final List<Visit> deletedVisits = new ArrayList<>();

        void write(JdbcTemplate jdbc) {
            update(jdbc, INSERT_DEALS, insertedDeals, Rows::dealColumns);
            update(jdbc, UPDATE_DEALS, updatedDeals, Rows::dealColumns);
            update(jdbc, """
                    INSERT INTO read_model.report_reached_stage (opportunity_id, pipeline_id, stage_id)
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) ON CONFLICT DO NOTHING""",
                    reached, stage -> stage);
            update(jdbc, """
                    DELETE FROM read_model.report_stage_visit v
                    USING unnest(?::text[], ?::bigint[]) AS d (opportunity_id, sequence)
                    WHERE v.opportunity_id = d.opportunity_id COLLATE "C" AND v.sequence = d.sequence""",
                    deletedVisits, visit -> new String[]{visit.opportunityId, Long.toString(visit.sequence)});
            update(jdbc, """
                    UPDATE read_model.report_stage_visit v SET pipeline_id = u.pipeline_id, stage_id = u.stage_id,
                        left_at = u.left_at
                    FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::timestamptz[])
                        AS u (opportunity_id, sequence, pipeline_id, stage_id, left_at)
                    WHERE v.opportunity_id = u.opportunity_id COLLATE "C" AND v.sequence = u.sequence""",
                    updatedVisits, visit -> new String[]{visit.opportunityId, Long.toString(visit.sequence),
                            visit.pipelineId, visit.stageId, text(visit.leftAt)});
            // A visit is keyed by the event that started it, which was new to its deal, so no row can be in the way.
            update(jdbc, "INSERT INTO read_model.report_stage_visit (" + VISIT_COLUMNS + ") SELECT * FROM unnest("
                            + "?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],"
                            + " ?::timestamptz[], ?::text[], ?::boolean[]) ON CONFLICT DO NOTHING",
                    insertedVisits, visit -> new String[]{visit.opportunityId, Long.toString(visit.sequence),
                            visit.locationId, visit.pipelineId, visit.stageId, text(visit.enteredAt),
                            text(visit.leftAt), visit.startedBy, Boolean.toString(visit.deleted)});
        }

        private static String[] dealColumns(ReportDeal deal) {
            return new String[]{deal.opportunityId(), deal.locationId(), deal.pipelineId(), deal.stageId(),
                    deal.furthestStageId(), deal.status(), plain(deal.monetaryValue()), deal.currency(),
                    deal.assignedTo(), deal.source(), text(deal.createdAt()), text(deal.closedAt()),
                    Boolean.toString(deal.deleted()), Long.toString(deal.version())};
        }

        private static String plain(BigDecimal value) {
            return Objects.requireNonNull(value, "monetary value").toPlainString();
        }

        /** One statement for all rows: column {@code c} of every row becomes the statement's array parameter c. */
        private static <T> void update(JdbcTemplate jdbc, String sql, List<T> rows,
                                       Function<T, String[]> columns) {
            if (rows.isEmpty()) {
                return;
            }
            List<String[]> values = rows.stream().map(columns).toList();
            jdbc.update(sql, UnnestColumns.of(values, values.get(0).length));
        }
    }
}
