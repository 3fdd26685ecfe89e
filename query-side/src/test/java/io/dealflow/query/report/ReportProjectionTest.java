package io.dealflow.query.report;

import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineCreated;
import io.dealflow.events.pipeline.PipelineDeleted;
import io.dealflow.events.pipeline.PipelineStageAdded;
import io.dealflow.events.pipeline.PipelineStageProbabilityChanged;
import io.dealflow.events.pipeline.PipelineStageRemoved;
import io.dealflow.events.pipeline.PipelineStagesReordered;
import io.dealflow.query.Given;
import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds events to the reports projection on embedded PostgreSQL and reads its rows back: deal rows, stage visits and
 * the day aggregates, which must always equal a recount from the deal rows (the visit-length histograms: from the
 * visits).
 */
class ReportProjectionTest {

    private static final String LOCATION = "loc-report";
    private static final Instant DAY_1 = Instant.parse("2026-01-05T10:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-01-06T10:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-01-07T10:00:00Z");

    private JdbcTemplate jdbc;
    private ProjectionHarness reports;
    private final Map<String, Long> sequences = new HashMap<>();
    private PipelineCreated pipeline;
    private String lead;
    private String demo;
    private String closing;

    @BeforeEach
    void freshReadModel() {
        jdbc = ProjectionHarness.freshReadModel();
        reports = ProjectionHarness.of(jdbc, new ReportPipelineProjection(jdbc), new ReportProjection(jdbc));
        pipeline = Given.pipeline(LOCATION, "Sales", "Lead", "Demo", "Closing");
        lead = pipeline.stages().get(0).id();
        demo = pipeline.stages().get(1).id();
        closing = pipeline.stages().get(2).id();
        at(DAY_1.minusSeconds(3600), pipeline);
    }

    @Test
    void createdDealCountsOnItsCreationDayAndAsOpenInItsStage() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100.50", "ann");

        at(DAY_1, deal);

        assertThat(deal(deal)).containsEntry("status", "open").containsEntry("furthest_stage_id", lead)
                .containsEntry("version", 1L);
        assertThat(jdbc.queryForList("SELECT day, pipeline_id, furthest_stage_id, won, deals"
                + " FROM read_model.report_created_day ORDER BY pipeline_id"))
                .containsExactly(Map.of("day", Date.valueOf("2026-01-05"), "pipeline_id", "", "furthest_stage_id", "",
                                "won", false, "deals", 1L),
                        Map.of("day", Date.valueOf("2026-01-05"), "pipeline_id", pipeline.pipelineId(),
                                "furthest_stage_id", lead, "won", false, "deals", 1L));
        assertThat(openStage(lead)).containsExactly(1L, new BigDecimal("100.50"));
        assertThat(visits(deal)).containsExactly(List.of(lead, "2026-01-05T10:00:00Z", "open"));
        assertAggregatesMatchDeals();
    }

    @Test
    void wonDealLeavesTheOpenTotalsAndCountsOnItsCloseDayInEveryDimension() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_2, new OpportunityWon(deal.opportunityId(), LOCATION));

        assertThat(openStage(lead)).containsExactly(0L, new BigDecimal("0.00"));
        assertThat(closeDay("2026-01-06", "won")).containsExactlyInAnyOrder(
                List.of("pipeline", "", 1L, new BigDecimal("100.00"), 86_400_000L),
                List.of("owner", "ann", 1L, new BigDecimal("100.00"), 86_400_000L),
                List.of("source", "web", 1L, new BigDecimal("100.00"), 86_400_000L));
        assertThat(visits(deal)).containsExactly(List.of(lead, "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"));
        assertAggregatesMatchDeals();
    }

    @Test
    void reopenedAndClosedAgainDealCountsOnceOnTheDayOfItsLatestClose() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_1.plusSeconds(60), new OpportunityWon(deal.opportunityId(), LOCATION));
        at(DAY_2, new OpportunityReopened(deal.opportunityId(), LOCATION, "won"));
        at(DAY_3, new OpportunityLost(deal.opportunityId(), LOCATION, null, "price"));

        assertThat(closeDay("2026-01-05", "won")).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(0L));
        assertThat(closeDay("2026-01-07", "lost")).hasSize(3)
                .allSatisfy(row -> assertThat(row.get(2)).isEqualTo(1L));
        assertThat(deal(deal)).containsEntry("status", "lost");
        assertThat(visits(deal)).containsExactly(
                List.of(lead, "2026-01-05T10:00:00Z", "2026-01-05T10:01:00Z"),
                List.of(lead, "2026-01-06T10:00:00Z", "2026-01-07T10:00:00Z"));
        assertAggregatesMatchDeals();
    }

    @Test
    void reopenedDealThatStaysOpenCountsAsOpenOnly() {
        OpportunityCreated deal = Given.opportunity(pipeline, 1, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_2, new OpportunityAbandoned(deal.opportunityId(), LOCATION));
        at(DAY_3, new OpportunityReopened(deal.opportunityId(), LOCATION, "abandoned"));

        assertThat(jdbc.queryForObject("SELECT sum(deals) FROM read_model.report_close_day", Long.class)).isZero();
        assertThat(openStage(demo)).containsExactly(1L, new BigDecimal("100.00"));
        assertThat(deal(deal)).containsEntry("closed_at", null);
        assertAggregatesMatchDeals();
    }

    @Test
    void valueOwnerAndSourceChangesAfterCloseMoveTheClosedDeal() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_2, new OpportunityWon(deal.opportunityId(), LOCATION));
        at(DAY_3, new OpportunityValueChanged(deal.opportunityId(), LOCATION, new BigDecimal("250.25"), "USD"));
        at(DAY_3, new OpportunityOwnerAssigned(deal.opportunityId(), LOCATION, "bob"));
        at(DAY_3, new OpportunitySourceChanged(deal.opportunityId(), LOCATION, null));

        assertThat(closeDay("2026-01-06", "won")).filteredOn(row -> (Long) row.get(2) != 0).containsExactlyInAnyOrder(
                List.of("pipeline", "", 1L, new BigDecimal("250.25"), 86_400_000L),
                List.of("owner", "bob", 1L, new BigDecimal("250.25"), 86_400_000L),
                List.of("source", "", 1L, new BigDecimal("250.25"), 86_400_000L));
        assertAggregatesMatchDeals();
    }

    @Test
    void deletedDealLeavesEveryAggregateAndTheRestoredOneComesBack() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        OpportunityCreated other = Given.opportunity(pipeline, 0, "Beta", "40", "bob");

        at(DAY_1, deal, other);
        at(DAY_2, new OpportunityLost(other.opportunityId(), LOCATION, null, null));
        at(DAY_3, new OpportunityDeleted(deal.opportunityId(), LOCATION),
                new OpportunityDeleted(other.opportunityId(), LOCATION));

        assertThat(openStage(lead)).containsExactly(0L, new BigDecimal("0.00"));
        assertThat(jdbc.queryForObject("SELECT sum(deals) FROM read_model.report_created_day", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.report_stage_visit WHERE NOT deleted",
                Long.class)).isZero();
        assertAggregatesMatchDeals();

        at(DAY_3.plusSeconds(1), new OpportunityRestored(deal.opportunityId(), LOCATION),
                new OpportunityRestored(other.opportunityId(), LOCATION));

        assertThat(openStage(lead)).containsExactly(1L, new BigDecimal("100.00"));
        assertThat(closeDay("2026-01-06", "lost")).hasSize(3).allSatisfy(row -> assertThat(row.get(2)).isEqualTo(1L));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.report_stage_visit WHERE NOT deleted",
                Long.class)).isEqualTo(2);
        assertAggregatesMatchDeals();
    }

    @Test
    void stageMovesBackAndForthEndVisitsAndKeepTheFurthestStage() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_1.plusSeconds(10), move(deal, lead, closing));
        at(DAY_1.plusSeconds(30), move(deal, closing, demo));

        assertThat(deal(deal)).containsEntry("stage_id", demo).containsEntry("furthest_stage_id", closing);
        assertThat(visits(deal)).containsExactly(
                List.of(lead, "2026-01-05T10:00:00Z", "2026-01-05T10:00:10Z"),
                List.of(closing, "2026-01-05T10:00:10Z", "2026-01-05T10:00:30Z"),
                List.of(demo, "2026-01-05T10:00:30Z", "open"));
        assertThat(openStage(demo)).containsExactly(1L, new BigDecimal("100.00"));
        assertAggregatesMatchDeals();
    }

    @Test
    void closedDealMovedBetweenStagesReachesThemWithoutVisits() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");

        at(DAY_1, deal);
        at(DAY_2, new OpportunityWon(deal.opportunityId(), LOCATION));
        at(DAY_3, move(deal, lead, closing));

        assertThat(deal(deal)).containsEntry("furthest_stage_id", closing);
        assertThat(visits(deal)).containsExactly(List.of(lead, "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"));
        assertAggregatesMatchDeals();
    }

    @Test
    void dealMovedToAnotherPipelineCountsThereWithTheStagesItReachedThere() {
        PipelineCreated partners = Given.pipeline(LOCATION, "Partners", "Intro", "Signed");
        OpportunityCreated deal = Given.opportunity(pipeline, 2, "Acme", "100", "ann");
        at(DAY_1, partners, deal);

        at(DAY_2, new OpportunityStageMoved(deal.opportunityId(), LOCATION, pipeline.pipelineId(), closing,
                partners.pipelineId(), partners.stages().get(0).id()));
        at(DAY_3, new OpportunityWon(deal.opportunityId(), LOCATION));

        assertThat(deal(deal)).containsEntry("pipeline_id", partners.pipelineId())
                .containsEntry("furthest_stage_id", partners.stages().get(0).id());
        assertThat(jdbc.queryForList("SELECT pipeline_id FROM read_model.report_close_day WHERE deals <> 0",
                String.class)).containsOnly(partners.pipelineId(), ReportDeltas.EVERY_PIPELINE);
        assertThat(visits(deal)).extracting(visit -> visit.get(0))
                .containsExactly(closing, partners.stages().get(0).id());
        assertAggregatesMatchDeals();
    }

    @Test
    void reorderAndRemovalOfStagesRecomputeTheFurthestStage() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        at(DAY_1, deal);
        at(DAY_1.plusSeconds(5), move(deal, lead, demo));
        at(DAY_1.plusSeconds(9), move(deal, demo, lead));

        at(DAY_2, new PipelineStagesReordered(pipeline.pipelineId(), LOCATION, List.of(demo, lead, closing)));
        assertThat(deal(deal)).containsEntry("furthest_stage_id", lead);
        assertAggregatesMatchDeals();

        at(DAY_2.plusSeconds(1), new PipelineStageRemoved(pipeline.pipelineId(), LOCATION, lead, demo),
                move(deal, lead, demo));
        assertThat(deal(deal)).containsEntry("furthest_stage_id", demo);
        assertThat(jdbc.queryForList("SELECT stage_id FROM read_model.report_stage WHERE pipeline_id = ?"
                + " ORDER BY position", String.class, pipeline.pipelineId())).containsExactly(demo, closing);
        assertAggregatesMatchDeals();
    }

    @Test
    void stageAddedAndProbabilityChangedUpdateTheStages() {
        at(DAY_1, new PipelineStageAdded(pipeline.pipelineId(), LOCATION, "new-stage", "Trial", 1, 45),
                new PipelineStageProbabilityChanged(pipeline.pipelineId(), LOCATION, closing, 95),
                new PipelineDeleted(pipeline.pipelineId(), LOCATION));

        assertThat(jdbc.queryForList("SELECT stage_id, position, win_probability FROM read_model.report_stage"
                + " ORDER BY position")).extracting(row -> List.of(row.get("stage_id"), row.get("position"),
                row.get("win_probability"))).containsExactly(List.of(lead, 0, 10), List.of("new-stage", 1, 45),
                List.of(demo, 2, 20), List.of(closing, 3, 95));
        assertThat(jdbc.queryForObject("SELECT deleted FROM read_model.report_pipeline", Boolean.class)).isTrue();
    }

    @Test
    void endedVisitsCountInTheHistogramsOfTheirDayAndMonthAndLeaveWithTheDeletedDeal() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        Instant february = Instant.parse("2026-02-01T00:00:00Z");
        at(DAY_1, deal);
        at(DAY_1.plusSeconds(10), move(deal, lead, demo));
        at(february, new OpportunityWon(deal.opportunityId(), LOCATION));
        at(february.plusMillis(100), new OpportunityReopened(deal.opportunityId(), LOCATION, "won"));
        at(february.plusMillis(200), move(deal, demo, lead));

        long demoMillis = february.toEpochMilli() - DAY_1.plusSeconds(10).toEpochMilli();
        // 10,000 ms: 14 bits, so buckets 128 ms wide from 7 * 64; 100 ms: one bucket per millisecond.
        assertThat(histograms()).containsExactly(
                "month|2026-01-01|" + lead + "|1|10000|{526}|{1}",
                "day|2026-01-05|" + lead + "|1|10000|{526}|{1}",
                "day|2026-02-01|" + demo + "|2|" + (demoMillis + 100) + "|{100,"
                        + DurationHistogram.bucket(demoMillis) + "}|{1,1}",
                "month|2026-02-01|" + demo + "|2|" + (demoMillis + 100) + "|{100,"
                        + DurationHistogram.bucket(demoMillis) + "}|{1,1}");
        assertAggregatesMatchDeals();

        at(february.plusSeconds(1), new OpportunityDeleted(deal.opportunityId(), LOCATION));
        assertThat(histograms()).isEmpty();

        at(february.plusSeconds(2), new OpportunityRestored(deal.opportunityId(), LOCATION));
        assertThat(histograms()).hasSize(4);
        assertAggregatesMatchDeals();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        OpportunityCreated deal = Given.opportunity(pipeline, 0, "Acme", "100", "ann");
        at(DAY_1, deal);
        at(DAY_2, new OpportunityWon(deal.opportunityId(), LOCATION));
        at(DAY_3, new OpportunityValueChanged(deal.opportunityId(), LOCATION, new BigDecimal("7"), "USD"));
        String before = dump();

        reports.redeliver(deal, 0, DAY_1);
        reports.redeliver(new OpportunityWon(deal.opportunityId(), LOCATION), 1, DAY_2);
        reports.redeliver(new OpportunityValueChanged(deal.opportunityId(), LOCATION, new BigDecimal("7"), "USD"), 2,
                DAY_3);
        reports.redeliver(pipeline, 0, DAY_1);

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void resetEmptiesTheReportTables() {
        at(DAY_1, Given.opportunity(pipeline, 0, "Acme", "100", "ann"));

        new ReportProjection(jdbc).reset();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.report_deal", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_model.report_created_day", Long.class)).isZero();
    }

    private void at(Instant timestamp, Object... events) {
        for (Object event : events) {
            String aggregate = aggregateId(event);
            long sequence = sequences.merge(aggregate, 1L, Long::sum) - 1;
            reports.redeliver(event, sequence, timestamp);
        }
    }

    private static String aggregateId(Object event) {
        try {
            for (String component : List.of("opportunityId", "pipelineId")) {
                for (var candidate : event.getClass().getRecordComponents()) {
                    if (candidate.getName().equals(component)) {
                        return (String) candidate.getAccessor().invoke(event);
                    }
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(e);
        }
        throw new IllegalArgumentException("no aggregate id on " + event);
    }

    private OpportunityStageMoved move(OpportunityCreated deal, String from, String to) {
        return new OpportunityStageMoved(deal.opportunityId(), LOCATION, pipeline.pipelineId(), from,
                pipeline.pipelineId(), to);
    }

    private Map<String, Object> deal(OpportunityCreated deal) {
        return jdbc.queryForMap("SELECT * FROM read_model.report_deal WHERE opportunity_id = ?",
                deal.opportunityId());
    }

    private List<Object> openStage(String stage) {
        return jdbc.query("SELECT coalesce(sum(deals), 0), coalesce(sum(total_value), 0.00)"
                        + " FROM read_model.report_open_stage WHERE stage_id = ?",
                (rs, n) -> List.<Object>of(rs.getLong(1), rs.getBigDecimal(2)), stage).get(0);
    }

    private List<List<Object>> closeDay(String day, String status) {
        return jdbc.query("SELECT dimension, dim_key, deals, total_value, cycle_millis FROM read_model.report_close_day"
                        + " WHERE day = ? AND status = ? AND pipeline_id <> ''",
                (rs, n) -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBigDecimal(4),
                        rs.getLong(5)), LocalDate.parse(day), status);
    }

    private List<String> histograms() {
        return rows("""
                SELECT grain, period, stage_id, visits, total_millis, buckets, bucket_visits
                FROM read_model.report_stage_duration ORDER BY period, grain, stage_id""").stream()
                .map(row -> row.substring(0, row.length() - 1)).toList();
    }

    private List<List<String>> visits(OpportunityCreated deal) {
        return jdbc.query("SELECT stage_id, entered_at, left_at FROM read_model.report_stage_visit"
                        + " WHERE opportunity_id = ? ORDER BY entered_at",
                (rs, n) -> List.of(rs.getString(1),
                        rs.getObject(2, OffsetDateTime.class).toInstant().toString(),
                        rs.getObject(3) == null ? "open"
                                : rs.getObject(3, OffsetDateTime.class).toInstant().toString()),
                deal.opportunityId());
    }

    /** The aggregates hold exactly what a recount of the deal rows gives (rows of zero aside). */
    private void assertAggregatesMatchDeals() {
        assertThat(rows("""
                SELECT location_id, dimension, day, pipeline_id, dim_key, currency, status, deals, total_value,
                       cycle_millis
                FROM read_model.report_close_day
                WHERE deals <> 0 OR total_value <> 0 OR cycle_millis <> 0""")).as("close")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT location_id, dimension, (closed_at AT TIME ZONE 'UTC')::date, scope.pipeline_id,
                               CASE dimension WHEN 'owner' THEN coalesce(assigned_to, '')
                                              WHEN 'source' THEN coalesce(source, '') ELSE '' END,
                               currency, status, count(*), sum(monetary_value),
                               sum((extract(epoch FROM closed_at) * 1000
                                    - extract(epoch FROM created_at) * 1000)::bigint)
                        FROM read_model.report_deal
                        CROSS JOIN (VALUES ('pipeline'), ('owner'), ('source')) AS dimensions (dimension)
                        CROSS JOIN LATERAL (VALUES (report_deal.pipeline_id), ('')) AS scope (pipeline_id)
                        WHERE closed_at IS NOT NULL AND NOT deleted GROUP BY 1, 2, 3, 4, 5, 6, 7"""));
        assertThat(rows("""
                SELECT location_id, day, pipeline_id, furthest_stage_id, won, deals FROM read_model.report_created_day
                WHERE deals <> 0""")).as("created")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT location_id, (created_at AT TIME ZONE 'UTC')::date, scope.pipeline_id,
                               scope.furthest_stage_id, status = 'won', count(*)
                        FROM read_model.report_deal
                        CROSS JOIN LATERAL (VALUES (report_deal.pipeline_id, coalesce(furthest_stage_id, '')),
                                                   ('', '')) AS scope (pipeline_id, furthest_stage_id)
                        WHERE NOT deleted GROUP BY 1, 2, 3, 4, 5"""));
        assertThat(rows("""
                SELECT location_id, dimension, month, pipeline_id, dim_key, currency, status, deals, total_value,
                       cycle_millis
                FROM read_model.report_close_month
                WHERE deals <> 0 OR total_value <> 0 OR cycle_millis <> 0""")).as("close months")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT location_id, dimension, date_trunc('month', closed_at AT TIME ZONE 'UTC')::date,
                               scope.pipeline_id,
                               CASE dimension WHEN 'owner' THEN coalesce(assigned_to, '')
                                              WHEN 'source' THEN coalesce(source, '') ELSE '' END,
                               currency, status, count(*), sum(monetary_value),
                               sum((extract(epoch FROM closed_at) * 1000
                                    - extract(epoch FROM created_at) * 1000)::bigint)
                        FROM read_model.report_deal
                        CROSS JOIN (VALUES ('pipeline'), ('owner'), ('source')) AS dimensions (dimension)
                        CROSS JOIN LATERAL (VALUES (report_deal.pipeline_id), ('')) AS scope (pipeline_id)
                        WHERE closed_at IS NOT NULL AND NOT deleted GROUP BY 1, 2, 3, 4, 5, 6, 7"""));
        assertThat(rows("""
                SELECT location_id, month, pipeline_id, furthest_stage_id, won, deals
                FROM read_model.report_created_month WHERE deals <> 0""")).as("created months")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT location_id, date_trunc('month', created_at AT TIME ZONE 'UTC')::date,
                               scope.pipeline_id, scope.furthest_stage_id, status = 'won', count(*)
                        FROM read_model.report_deal
                        CROSS JOIN LATERAL (VALUES (report_deal.pipeline_id, coalesce(furthest_stage_id, '')),
                                                   ('', '')) AS scope (pipeline_id, furthest_stage_id)
                        WHERE NOT deleted GROUP BY 1, 2, 3, 4, 5"""));
        assertThat(rows("""
                SELECT pipeline_id, stage_id, currency, location_id, deals, total_value
                FROM read_model.report_open_stage WHERE deals <> 0 OR total_value <> 0""")).as("open")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT pipeline_id, stage_id, currency, location_id, count(*), sum(monetary_value)
                        FROM read_model.report_deal WHERE status = 'open' AND NOT deleted GROUP BY 1, 2, 3, 4"""));
        assertThat(rows("""
                SELECT pipeline_id, stage_id, day, visits FROM read_model.report_open_visit_day
                WHERE visits <> 0""")).as("open visits")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT pipeline_id, stage_id, (entered_at AT TIME ZONE 'UTC')::date, count(*)
                        FROM read_model.report_stage_visit WHERE left_at IS NULL AND NOT deleted
                        GROUP BY 1, 2, 3"""));
        assertThat(rows("""
                SELECT pipeline_id, grain, period, stage_id, visits, total_millis, buckets, bucket_visits
                FROM read_model.report_stage_duration""")).as("durations")
                .containsExactlyInAnyOrderElementsOf(rows("""
                        SELECT pipeline_id, grain, period, stage_id, sum(visits), sum(total_millis),
                               array_agg(bucket ORDER BY bucket), array_agg(visits ORDER BY bucket)
                        FROM (SELECT pipeline_id, grain.name AS grain,
                                     CASE grain.name WHEN 'day' THEN (left_at AT TIME ZONE 'UTC')::date
                                          ELSE date_trunc('month', left_at AT TIME ZONE 'UTC')::date END AS period,
                                     stage_id, read_model.report_duration_bucket(millis) AS bucket,
                                     count(*)::int AS visits, sum(millis) AS total_millis
                              FROM (SELECT pipeline_id, stage_id, left_at, (extract(epoch FROM left_at) * 1000
                                           - extract(epoch FROM entered_at) * 1000)::bigint AS millis
                                    FROM read_model.report_stage_visit
                                    WHERE left_at IS NOT NULL AND NOT deleted) visit
                              CROSS JOIN (VALUES ('day'), ('month')) AS grain (name)
                              GROUP BY 1, 2, 3, 4, 5) bucket
                        GROUP BY 1, 2, 3, 4"""));
    }

    private List<String> rows(String sql) {
        return jdbc.query(sql, (rs, n) -> {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
                Object value = rs.getObject(column);
                row.append(value instanceof BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString() : value)
                        .append('|');
            }
            return row.toString();
        });
    }

    private String dump() {
        StringBuilder all = new StringBuilder();
        for (String table : List.of("report_pipeline", "report_stage", "report_deal", "report_reached_stage",
                "report_stage_visit", "report_close_day", "report_created_day", "report_open_stage",
                "report_stage_duration", "report_open_visit_day", "report_close_month", "report_created_month")) {
            all.append(table).append(rows("SELECT * FROM read_model." + table + " ORDER BY 1, 2, 3")).append('\n');
        }
        return all.toString();
    }
}
